package dev.berth.fetchers.git;

/** The cached clone cannot be used as it is; the source wipes it and clones again. Never leaves the package. */
final class CacheCorruptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CacheCorruptException(String message, Throwable cause) {
        super(message, cause);
    }
}

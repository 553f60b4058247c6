package dev.berth.fetchers.git;

/** The remote could not be read: unreachable, refused us, or lacks the ref. Never leaves the package. */
final class RemoteFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    RemoteFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

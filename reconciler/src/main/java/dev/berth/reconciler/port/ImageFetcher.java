package dev.berth.reconciler.port;

import dev.berth.model.ImageSpec;

/**
 * Puts a verified copy of a file into the pool. Writes to a hidden ".#" name next to {@code target}, hashes while
 * writing, and renames into place only when the sha256 matches: a failure leaves nothing at {@code target}. Throws
 * {@link dev.berth.model.BerthException} with FetchFailed, FetchRefused, VerificationFailed or InsufficientSpace.
 */
public interface ImageFetcher {
    FetchedFile fetch(Download download, String target);

    /** The image itself. */
    default FetchedFile fetch(ImageSpec spec, String target) {
        return fetch(Download.of(spec), target);
    }
}

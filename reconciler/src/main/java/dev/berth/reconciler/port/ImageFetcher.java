package dev.berth.reconciler.port;

import dev.berth.model.ImageSpec;

/**
 * Puts a verified copy of an image into the pool. Writes to a hidden ".#" name next to {@code target}, hashes
 * while writing, and renames into place only when the sha256 matches: a failure leaves nothing at {@code
 * target}. Throws {@link dev.berth.model.BerthException} with FetchFailed, FetchRefused, VerificationFailed or
 * InsufficientSpace.
 */
public interface ImageFetcher {
    FetchedFile fetch(ImageSpec spec, String target);
}

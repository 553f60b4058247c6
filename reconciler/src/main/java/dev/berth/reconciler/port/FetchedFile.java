package dev.berth.reconciler.port;

import dev.berth.model.Sha256;
import java.time.Instant;
import java.util.Objects;

/** A verified file in the pool, with the size and mtime it had when verified. */
public record FetchedFile(String path, Sha256 sha256, long size, Instant modified) {
    public FetchedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(modified, "modified");
    }
}

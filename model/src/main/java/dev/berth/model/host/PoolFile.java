package dev.berth.model.host;

import java.time.Instant;
import java.util.Objects;

/** A file in the image pool directory, as listed (not hashed). */
public record PoolFile(String path, long size, Instant modified) {
    public PoolFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modified, "modified");
    }

    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A download in progress or left over: hidden from portabled by its ".#" prefix. */
    public boolean isPartial() {
        return fileName().startsWith(".#");
    }
}

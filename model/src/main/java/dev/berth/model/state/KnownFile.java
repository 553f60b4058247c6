package dev.berth.model.state;

import dev.berth.model.Sha256;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pool file Berth knows: the image it holds, its expected digest and, once verified, the size and mtime it
 * had then. A file whose size and mtime still match is trusted without hashing it again.
 *
 * @param downloaded Berth downloaded it, so Berth deletes it when no longer needed; a matching file a person put
 *     in the pool is used but never deleted
 */
public record KnownFile(
        String path,
        String image,
        String version,
        Sha256 sha256,
        boolean downloaded,
        @Nullable Long size,
        @Nullable Instant modified) {

    public KnownFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** A download announced before it starts, so a crash leaves no file Berth forgets it owns. */
    public static KnownFile pending(String path, String image, String version, Sha256 sha256) {
        return new KnownFile(path, image, version, sha256, true, null, null);
    }

    public boolean verified() {
        return size != null && modified != null;
    }

    /** True when this record vouches for a file of {@code sha256} with exactly this size and mtime. */
    public boolean vouchesFor(Sha256 expected, long actualSize, Instant actualModified) {
        Long knownSize = size;
        Instant knownModified = modified;
        return knownSize != null
                && knownModified != null
                && sha256.equals(expected)
                && knownSize == actualSize
                && knownModified.equals(actualModified);
    }
}

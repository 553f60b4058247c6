package dev.berth.model;

import java.net.URI;
import java.util.Objects;

/**
 * One extension image layered on an entry's base image ({@code portablectl attach --extension}): downloaded and
 * verified like an image and stored in the pool as NAME_VERSION.raw.
 */
public record ExtensionSpec(String name, String version, URI url, Digest digest, Compression compression) {
    public ExtensionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(compression, "compression");
    }

    /** The file name in the pool: NAME_VERSION.raw. */
    public String fileName() {
        return Names.rawFileName(name, version);
    }

    /** "app 2.0", as messages name an extension. */
    public String label() {
        return name + " " + version;
    }
}

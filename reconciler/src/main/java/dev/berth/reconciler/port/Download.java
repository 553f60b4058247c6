package dev.berth.reconciler.port;

import dev.berth.model.BerthException;
import dev.berth.model.Compression;
import dev.berth.model.ExtensionSpec;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.Sidecar;
import java.net.URI;
import java.util.Objects;

/**
 * One file to put into the pool: where it comes from, the sha256 it must have, and how messages name it.
 *
 * @param label "hello 1.0" for an image, "hello 1.0 roothash" for one of its verity sidecars
 * @param origin where the manifest declares it ("hosts/web/images.yaml:4"), for messages
 * @param compression how the published file is compressed: {@code sha256} is the published (compressed) file's,
 *     and the pool gets the decompressed bytes
 */
public record Download(String label, URI url, Sha256 sha256, String origin, Compression compression) {
    public Download {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(compression, "compression");
    }

    /** A file stored as published, not compressed. */
    public Download(String label, URI url, Sha256 sha256, String origin) {
        this(label, url, sha256, origin, Compression.NONE);
    }

    public static Download of(ImageSpec spec) {
        return new Download(
                spec.label(), spec.url(), spec.sha256(), spec.origin().toString(), spec.compression());
    }

    /**
     * One extension image of {@code spec}: "app 2.0 extension app 2.0". Its sha256 must be pinned: extensions listed
     * in a SHA256SUMS file are not resolved yet.
     */
    public static Download of(ImageSpec spec, ExtensionSpec extension) {
        Sha256 sha256 = extension
                .digest()
                .sha256()
                .orElseThrow(() -> new BerthException(
                        Reason.ManifestInvalid,
                        "image " + spec.label() + " (" + spec.origin() + "): the sha256 of its extension "
                                + extension.label() + " is not pinned; give it as sha256:"));
        return new Download(
                spec.label() + " extension " + extension.label(),
                extension.url(),
                sha256,
                spec.origin().toString());
    }

    public static Download of(ImageSpec spec, Sidecar sidecar) {
        return new Download(
                spec.label() + " " + sidecar.kind().field(),
                sidecar.url(),
                sidecar.sha256(),
                spec.origin().toString());
    }

    /** True when the pool gets the decompressed bytes of the published file. */
    public boolean compressed() {
        return compression != Compression.NONE;
    }
}

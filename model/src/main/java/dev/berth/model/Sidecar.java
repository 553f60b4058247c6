package dev.berth.model;

import java.net.URI;
import java.util.Objects;

/**
 * A verity file that goes next to a raw image, where portabled finds it: NAME_VERSION.roothash,
 * NAME_VERSION.verity or NAME_VERSION.roothash.p7s.
 */
public record Sidecar(Kind kind, URI url, Sha256 sha256) {
    /** The three files dm-verity needs, with the manifest field and the file suffix of each. */
    public enum Kind {
        ROOTHASH("roothash", ".roothash"),
        VERITY("verity", ".verity"),
        ROOTHASH_SIGNATURE("roothashSignature", ".roothash.p7s");

        private final String field;
        private final String suffix;

        Kind(String field, String suffix) {
            this.field = field;
            this.suffix = suffix;
        }

        /** The manifest field: roothash, verity, roothashSignature. */
        public String field() {
            return field;
        }

        public String suffix() {
            return suffix;
        }

        /** Where a sidecar of this kind goes for the raw image at {@code imagePath}. */
        public String pathNextTo(String imagePath) {
            String stem = imagePath.endsWith(".raw") ? imagePath.substring(0, imagePath.length() - 4) : imagePath;
            return stem + suffix;
        }
    }

    public Sidecar {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Where this sidecar goes for the raw image at {@code imagePath}: the same name with its own suffix. */
    public String pathNextTo(String imagePath) {
        return kind.pathNextTo(imagePath);
    }
}

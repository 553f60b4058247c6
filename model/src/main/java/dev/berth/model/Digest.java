package dev.berth.model;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** How the manifest fixes an image's bytes: its sha256 in the manifest, or listed in a signed SHA256SUMS file. */
public sealed interface Digest {
    /** The sha256, when known (pinned, or listed and already resolved). */
    Optional<Sha256> sha256();

    /** The sha256 is in the manifest. */
    record Pinned(Sha256 value) implements Digest {
        public Pinned {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Optional<Sha256> sha256() {
            return Optional.of(value);
        }
    }

    /**
     * The sha256 is in the SHA256SUMS file at {@code sums}, believed only once its detached signature verified;
     * {@code resolved} holds it after that.
     */
    record Listed(URI sums, Optional<Sha256> resolved) implements Digest {
        public Listed {
            Objects.requireNonNull(sums, "sums");
            Objects.requireNonNull(resolved, "resolved");
        }

        @Override
        public Optional<Sha256> sha256() {
            return resolved;
        }
    }
}

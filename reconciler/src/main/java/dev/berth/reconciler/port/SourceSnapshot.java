package dev.berth.reconciler.port;

import dev.berth.model.Manifest;
import java.util.Objects;
import java.util.Optional;

/**
 * One read of the desired state.
 *
 * @param revision what was read: a git commit id, or "sha256:..." of a manifest file
 * @param warning set when the source fell back to an older revision (remote unreachable), saying so
 */
public record SourceSnapshot(Manifest manifest, String revision, Optional<String> warning) {
    public SourceSnapshot {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(warning, "warning");
    }

    public boolean stale() {
        return warning.isPresent();
    }
}

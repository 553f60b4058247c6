package dev.berth.reconciler.port;

/**
 * Where the desired state comes from: a file, or a git repository. Each call reads the WHOLE desired state
 * (level-triggered); throws {@link dev.berth.model.BerthException} with ManifestInvalid, SourceUnavailable or
 * SignatureInvalid.
 */
public interface ManifestSource {
    SourceSnapshot read();
}

package dev.berth.agent.wiring;

import dev.berth.agent.config.SourceConfig;
import dev.berth.fetchers.FileManifestSource;
import dev.berth.fetchers.git.GitManifestSource;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.reconciler.port.ManifestSource;
import java.nio.file.Path;
import java.util.Optional;

/** The manifest source a configuration names, reading what one host should run. */
public final class Sources {
    private Sources() {}

    /**
     * Opens {@code source} for {@code host}; a git source keeps its clone under {@code stateDir} and must be closed
     * (it is {@link AutoCloseable}).
     */
    public static ManifestSource open(
            SourceConfig source, Path stateDir, Optional<Path> trustedKeys, HostIdentity host) {
        if (source instanceof SourceConfig.Manifest manifest) {
            return new FileManifestSource(manifest.path(), host);
        }
        SourceConfig.Git git = (SourceConfig.Git) source;
        return new GitManifestSource(git.access().options(stateDir, trustedKeys), host);
    }
}

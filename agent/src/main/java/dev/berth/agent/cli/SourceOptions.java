package dev.berth.agent.cli;

import dev.berth.fetchers.FileManifestSource;
import dev.berth.reconciler.port.ManifestSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the desired state comes from. */
public final class SourceOptions {
    @Option(
            names = "--manifest",
            paramLabel = "FILE",
            required = true,
            description = "The manifest file (or a directory of *.yaml manifests) to apply.")
    Path manifest;

    public ManifestSource open(Path stateDir) {
        return new FileManifestSource(manifest);
    }
}

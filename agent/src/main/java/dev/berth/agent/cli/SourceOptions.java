package dev.berth.agent.cli;

import dev.berth.model.ManifestParser;
import dev.berth.reconciler.port.ManifestSource;
import dev.berth.reconciler.port.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the desired state comes from. */
public final class SourceOptions {
    @Option(names = "--manifest", paramLabel = "FILE", required = true, description = "The manifest file to apply.")
    Path manifest;

    public ManifestSource open(Path stateDir) {
        return () -> {
            var m = ManifestParser.read(manifest);
            String revision;
            try {
                revision = "sha256:"
                        + dev.berth.model.Sha256.of(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(Files.readAllBytes(manifest)))
                                .hex();
            } catch (IOException | java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            return new SourceSnapshot(m, revision, Optional.empty());
        };
    }
}

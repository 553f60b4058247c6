package dev.berth.agent.config;

import java.nio.file.Path;
import java.util.Objects;

/** Where the agent reads the desired state: a manifest file (or directory), or a git repository. */
public sealed interface SourceConfig {
    /** A file or directory on the host, watched for changes. */
    record Manifest(Path path) implements SourceConfig {
        public Manifest {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A git repository; credentials are read from files or the environment when used, never stored here. */
    record Git(GitAccess access) implements SourceConfig {
        public Git {
            Objects.requireNonNull(access, "access");
        }
    }
}

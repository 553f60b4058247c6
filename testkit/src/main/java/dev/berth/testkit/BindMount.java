package dev.berth.testkit;

import java.nio.file.Path;
import java.util.Objects;

/** A directory or file of the machine made visible at a path inside a test container. */
public record BindMount(Path hostPath, String containerPath, boolean readOnly) {
    public BindMount {
        hostPath = Objects.requireNonNull(hostPath, "hostPath").toAbsolutePath().normalize();
        Objects.requireNonNull(containerPath, "containerPath");
        if (!containerPath.startsWith("/")) {
            throw new IllegalArgumentException("container path must be absolute: " + containerPath);
        }
        // systemd-nspawn separates source and target with ':'.
        if (hostPath.toString().contains(":") || containerPath.contains(":")) {
            throw new IllegalArgumentException(
                    "bind mount paths cannot contain ':': " + hostPath + " -> " + containerPath);
        }
    }

    /** The systemd-nspawn option for this mount. */
    String nspawnOption() {
        return (readOnly ? "--bind-ro=" : "--bind=") + hostPath + ":" + containerPath;
    }
}

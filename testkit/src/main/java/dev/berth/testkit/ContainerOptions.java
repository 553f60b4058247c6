package dev.berth.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to boot a {@link SystemdContainer}: extra bind mounts, how long booting may take, where console logs go.
 *
 * <pre>{@code
 * ContainerOptions.defaults().bindReadOnly(agentJar.getParent(), "/opt/berth").bind(stateDir, "/var/lib/berth")
 * }</pre>
 */
public record ContainerOptions(List<BindMount> binds, Duration bootTimeout, Path logDirectory) {
    public static final Duration DEFAULT_BOOT_TIMEOUT = Duration.ofSeconds(60);

    public ContainerOptions {
        binds = List.copyOf(binds);
        Objects.requireNonNull(bootTimeout, "bootTimeout");
        if (bootTimeout.isNegative() || bootTimeout.isZero()) {
            throw new IllegalArgumentException("boot timeout must be positive: " + bootTimeout);
        }
        logDirectory = logDirectory.toAbsolutePath().normalize();
    }

    /** No extra mounts, a 60 s boot timeout, console logs in {@code target/containers} of the working directory. */
    public static ContainerOptions defaults() {
        return new ContainerOptions(List.of(), DEFAULT_BOOT_TIMEOUT, Path.of("target", "containers"));
    }

    /** Adds a read-only bind mount of {@code hostPath} at {@code containerPath}. */
    public ContainerOptions bindReadOnly(Path hostPath, String containerPath) {
        return withBind(new BindMount(hostPath, containerPath, true));
    }

    /** Adds a writable bind mount: what the container writes there lands on the machine and outlives it. */
    public ContainerOptions bind(Path hostPath, String containerPath) {
        return withBind(new BindMount(hostPath, containerPath, false));
    }

    public ContainerOptions withBootTimeout(Duration timeout) {
        return new ContainerOptions(binds, timeout, logDirectory);
    }

    public ContainerOptions withLogDirectory(Path directory) {
        return new ContainerOptions(binds, bootTimeout, directory);
    }

    private ContainerOptions withBind(BindMount bind) {
        List<BindMount> all = new ArrayList<>(binds);
        all.add(bind);
        return new ContainerOptions(all, bootTimeout, logDirectory);
    }
}

package dev.berth.agent.config;

import dev.berth.model.LocalPolicy;
import dev.berth.reconciler.health.HealthPolicy;
import dev.berth.reconciler.loop.Schedule;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code berth agent} needs, every setting with a default but the source.
 *
 * @param bus the D-Bus address of the system bus; empty for the default
 * @param metricsListen where /metrics, /healthz and /readyz are served; empty to serve nothing
 */
public record AgentConfig(
        Path file,
        SourceConfig source,
        Optional<Path> trustedKeys,
        Schedule schedule,
        Path stateDir,
        Path poolDir,
        Optional<String> bus,
        HealthPolicy health,
        boolean driftCorrection,
        LocalPolicy policy,
        Duration connectTimeout,
        Duration readTimeout,
        Optional<InetSocketAddress> metricsListen) {

    public static final Path STATE_DIR = Path.of("/var/lib/berth");
    public static final Path POOL_DIR = Path.of("/var/lib/portables");
    public static final int METRICS_PORT = 9741;

    public AgentConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(trustedKeys, "trustedKeys");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(poolDir, "poolDir");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(metricsListen, "metricsListen");
    }
}

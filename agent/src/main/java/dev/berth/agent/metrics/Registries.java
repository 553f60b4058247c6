package dev.berth.agent.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The registries Berth uses: the agent's, with the usual JVM and process metrics, and a bare one for files. */
public final class Registries {
    private Registries() {}

    /** For the agent: Berth's metrics plus JVM memory, GC, threads, classes, CPU, uptime and file descriptors. */
    public static PrometheusMeterRegistry agent() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("process.resident.memory", Registries::residentBytes)
                .description("Resident set size of the agent (VmRSS)")
                .baseUnit("bytes")
                .register(registry);
        return registry;
    }

    /** VmRSS from /proc/self/status; NaN where there is no such file. */
    static double residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** For a one-shot command's textfile: only Berth's own metrics (a short JVM's are of no use to anyone). */
    public static PrometheusMeterRegistry bare() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
}

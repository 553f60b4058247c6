package dev.berth.agent.cli;

import dev.berth.agent.metrics.BerthMetrics;
import dev.berth.agent.metrics.Registries;
import dev.berth.agent.state.AtomicFiles;
import dev.berth.agent.status.Version;
import dev.berth.fetchers.fs.SafeFiles;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.reconciler.loop.LoopListener;
import dev.berth.reconciler.loop.PassReport;
import dev.berth.reconciler.port.ReconcileListener;
import dev.berth.reconciler.port.Suspensions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The metrics of one {@code berth apply}, written to a file for node_exporter's textfile collector: the same names
 * the agent serves, without the JVM's.
 */
final class OneShotMetrics implements LoopListener {
    private final Optional<Path> file;
    private final PrometheusMeterRegistry registry = Registries.bare();
    private final BerthMetrics metrics = new BerthMetrics(registry, Version.current());

    OneShotMetrics(Optional<Path> file) {
        this.file = file;
    }

    ReconcileListener listener() {
        return file.isPresent() ? metrics : ReconcileListener.NONE;
    }

    /** Who the host is, for berth_host_info, and whether it is suspended, for berth_suspended. */
    void host(HostIdentity host, List<String> labelKeys, Suspensions suspensions, Clock clock) {
        metrics.host(host, labelKeys);
        metrics.suspensions(suspensions, clock);
    }

    void downloaded(long bytes) {
        metrics.downloaded(bytes);
    }

    @Override
    public void passFinished(PassReport report) {
        if (file.isEmpty()) {
            return;
        }
        metrics.passFinished(report);
        try {
            AtomicFiles.write(file.get(), registry.scrape().getBytes(StandardCharsets.UTF_8), SafeFiles.PUBLIC);
        } catch (IOException e) {
            throw new BerthException(
                    Reason.StateUnavailable, "cannot write the metrics file " + file.get() + ": " + e.getMessage());
        }
    }
}

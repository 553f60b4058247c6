package dev.berth.agent.daemon;

import dev.berth.agent.config.Settings;
import dev.berth.agent.config.SourceConfig;
import dev.berth.agent.metrics.BerthMetrics;
import dev.berth.agent.metrics.MetricsServer;
import dev.berth.agent.metrics.Registries;
import dev.berth.agent.render.WindowsView;
import dev.berth.agent.state.FileSuspensions;
import dev.berth.agent.state.StateLock;
import dev.berth.agent.status.Version;
import dev.berth.agent.systemd.SystemdNotifier;
import dev.berth.agent.systemd.Watchdog;
import dev.berth.agent.trigger.Trigger;
import dev.berth.agent.trigger.TriggerSecret;
import dev.berth.agent.wiring.Assembly;
import dev.berth.agent.wiring.HostConnector;
import dev.berth.model.Urls;
import dev.berth.reconciler.Reconciler;
import dev.berth.reconciler.loop.AgentLoop;
import dev.berth.reconciler.loop.LoopListener;
import dev.berth.reconciler.loop.PassReport;
import dev.berth.reconciler.loop.QueueWakeup;
import dev.berth.reconciler.loop.Wakeup;
import dev.berth.reconciler.port.ManifestSource;
import dev.berth.reconciler.port.ReconcileListener;
import dev.berth.reconciler.port.SourceSnapshot;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code berth agent}: runs the loop the one assembly builds until SIGTERM. Holds the state lock for its whole life,
 * tells systemd when it is ready, what it is doing and that it is alive, and on SIGTERM lets the current step
 * finish.
 */
public final class Daemon {
    private static final Logger LOG = LoggerFactory.getLogger("berth");
    /** How long a stop waits for the step under way; the unit's TimeoutStopSec= must be longer. */
    static final Duration STOP_GRACE = Duration.ofSeconds(150);

    private final Settings config;
    private final HostConnector connector;
    private final SystemdNotifier notifier;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final QueueWakeup wakeup = new QueueWakeup();
    private final PrometheusMeterRegistry registry = Registries.agent();
    private final BerthMetrics metrics = new BerthMetrics(registry, Version.current());
    private volatile Instant lastProgress = Instant.now();
    private volatile Instant lastPassStarted = Instant.now();
    private volatile boolean passRunning;
    private volatile boolean ready;
    private volatile @Nullable Assembly assembly; // none until run() opened it
    /** Counted down when the loop has returned: the shutdown hook waits for this, not for the thread to end. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    public Daemon(Settings config, HostConnector connector, SystemdNotifier notifier) {
        this.config = config;
        this.connector = connector;
        this.notifier = notifier;
    }

    /** Runs until stopped; returns the exit code. */
    public int run() throws Exception {
        config.requireSource("berth agent");
        Optional<TriggerSecret> secret = config.triggerSecretFile().map(TriggerSecret::read);
        Assembly opened = keep(Assembly.open(config, connector, metrics::downloaded));
        assembly = opened;
        metrics.host(opened.identity(), config.metricsHostLabels());
        metrics.suspensions(opened.suspensions(), opened.host().clock());
        metrics.maintenance(config.maintenance(), opened.host().clock());
        try (StateLock lock = opened.lockForChanges("berth agent")) {
            watchSuspension();
            AgentLoop loop = assemble(opened);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(loop), "berth-stop"));
            Signals.onHangup(() -> {
                LOG.info("SIGHUP: a pass starts now");
                wakeup.wake(Wakeup.Cause.SIGNAL);
            });
            Optional<Watchdog> watchdog = Watchdog.start(notifier, this::alive);
            watchdog.ifPresent(resources::add);
            config.metricsListen().ifPresent(listen -> {
                Optional<Trigger> trigger =
                        secret.map(s -> new Trigger(s, wakeup, metrics.triggers(), Clock.systemUTC()));
                MetricsServer server =
                        keep(MetricsServer.start(listen, registry, this::loopAlive, () -> ready, trigger));
                LOG.info("metrics on http://{}:{}/metrics", listen.getHostString(), server.port());
                trigger.ifPresent(t -> LOG.info(
                        "signed triggers on http://{}:{}{}", listen.getHostString(), server.port(), Trigger.PATH));
            });
            notifier.ready();
            LOG.info(
                    "berth agent started as {}: {} every {}, state in {}",
                    opened.identity().describe(),
                    describe(config.requireSource("berth agent")),
                    config.schedule().interval(),
                    config.stateDir());
            WindowsView.describe(config.maintenance(), opened.host().clock().instant())
                    .ifPresent(w -> LOG.info("maintenance windows: {}", w));
            try {
                loop.run();
            } finally {
                stopped.countDown();
            }
            LOG.info("berth agent stopped");
            return 0;
        } finally {
            closeAll();
        }
    }

    private AgentLoop assemble(Assembly assembly) throws IOException {
        PassLog log = new PassLog();
        Reconciler reconciler = assembly.reconciler(ReconcileListener.all(log, metrics));
        LoopListener listeners = listeners(log, assembly.statusTracker("berth agent"), metrics);
        return assembly.loop(source(assembly), reconciler, wakeup, listeners);
    }

    private ManifestSource source(Assembly assembly) throws IOException {
        if (config.requireSource("berth agent") instanceof SourceConfig.Manifest manifest) {
            resources.add(FileWatcher.manifest(manifest.path(), wakeup));
        }
        return assembly.source("berth agent");
    }

    /** berth suspend and berth resume take effect at once, not at the next interval. */
    private void watchSuspension() {
        Path file = config.stateDir().resolve(FileSuspensions.FILE_NAME);
        try {
            resources.add(FileWatcher.file(file, wakeup, Wakeup.Cause.SUSPENSION));
        } catch (IOException e) {
            LOG.warn(
                    "cannot watch {} ({}): berth suspend and berth resume take effect at the next pass",
                    file,
                    e.toString());
        }
    }

    private LoopListener listeners(LoopListener... each) {
        return new LoopListener() {
            @Override
            public void passStarted(Wakeup.Cause cause) {
                lastProgress = Instant.now();
                lastPassStarted = lastProgress;
                passRunning = true;
                LoopListener.all(each).passStarted(cause);
            }

            @Override
            public void sourceRead(SourceSnapshot snapshot) {
                LoopListener.all(each).sourceRead(snapshot);
            }

            @Override
            public void passFinished(PassReport report) {
                lastProgress = Instant.now();
                passRunning = false;
                LoopListener.all(each).passFinished(report);
                ready = true;
                notifier.status(StatusLine.of(report));
            }
        };
    }

    /**
     * The watchdog keeps pinging while the loop makes progress: a pass started or finished within the longest a
     * pass may legitimately take (a slow download) plus the interval.
     */
    private boolean alive() {
        Duration allowed = config.schedule()
                .backoffCap()
                .plus(config.schedule().interval())
                .plus(Duration.ofHours(1));
        return Duration.between(lastProgress, Instant.now()).compareTo(allowed) < 0;
    }

    /**
     * For /healthz: a pass is under way, or one started within three intervals (three backoff caps while passes
     * fail, since the loop then waits that long on purpose).
     */
    private boolean loopAlive() {
        Duration wait = config.schedule().interval().compareTo(config.schedule().backoffCap()) > 0
                ? config.schedule().interval()
                : config.schedule().backoffCap();
        return passRunning || Duration.between(lastPassStarted, Instant.now()).compareTo(wait.multipliedBy(3)) < 0;
    }

    /**
     * SIGTERM: the loop finishes the step under way and returns. The hook waits for that, not for the main thread to
     * end (which calls System.exit, and that blocks while shutdown hooks run).
     */
    private void stop(AgentLoop loop) {
        LOG.info("stopping: the step under way finishes first");
        notifier.stopping();
        loop.stop();
        Assembly opened = assembly;
        if (opened != null) {
            // A download is not a step to finish: it resumes where it stopped when the agent runs again.
            opened.host().cancelDownloads();
        }
        try {
            if (!stopped.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the step under way did not finish within {} s; stopping anyway", STOP_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private void closeAll() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", resources.get(i), e.toString());
            }
        }
    }

    private static String describe(SourceConfig source) {
        return source instanceof SourceConfig.Manifest m
                ? "manifest " + m.path()
                : "git " + Urls.redact(((SourceConfig.Git) source).access().url());
    }
}

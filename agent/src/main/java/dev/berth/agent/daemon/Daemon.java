package dev.berth.agent.daemon;

import dev.berth.agent.cli.Version;
import dev.berth.agent.config.AgentConfig;
import dev.berth.agent.config.SourceConfig;
import dev.berth.agent.dbus.DbusPortableHost;
import dev.berth.agent.metrics.BerthMetrics;
import dev.berth.agent.metrics.CountingProgress;
import dev.berth.agent.metrics.MetricsServer;
import dev.berth.agent.metrics.Registries;
import dev.berth.agent.state.AtomicFiles;
import dev.berth.agent.state.FileInventoryStore;
import dev.berth.agent.state.StateLock;
import dev.berth.agent.status.StatusFile;
import dev.berth.agent.status.StatusTracker;
import dev.berth.agent.systemd.SystemdNotifier;
import dev.berth.agent.systemd.Watchdog;
import dev.berth.fetchers.DownloadContext;
import dev.berth.fetchers.DownloadPolicy;
import dev.berth.fetchers.FileManifestSource;
import dev.berth.fetchers.LocalImagePool;
import dev.berth.fetchers.ProgressReporter;
import dev.berth.fetchers.UrlImageFetcher;
import dev.berth.fetchers.git.GitManifestSource;
import dev.berth.fetchers.sums.SignedSumsResolver;
import dev.berth.reconciler.Executor;
import dev.berth.reconciler.Planner;
import dev.berth.reconciler.Reconciler;
import dev.berth.reconciler.health.UnitHealthGate;
import dev.berth.reconciler.loop.AgentLoop;
import dev.berth.reconciler.loop.LoopListener;
import dev.berth.reconciler.loop.PassReport;
import dev.berth.reconciler.loop.QueueWakeup;
import dev.berth.reconciler.loop.Wakeup;
import dev.berth.reconciler.port.ManifestSource;
import dev.berth.reconciler.port.ReconcileListener;
import dev.berth.reconciler.port.Sleeper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code berth agent}: wires the real adapters to the loop and runs it until SIGTERM. Holds the state lock for its
 * whole life, tells systemd when it is ready, what it is doing and that it is alive, and on SIGTERM lets the
 * current step finish.
 */
public final class Daemon {
    private static final Logger LOG = LoggerFactory.getLogger("berth");
    /** How long a stop waits for the step under way; the unit's TimeoutStopSec= must be longer. */
    static final Duration STOP_GRACE = Duration.ofSeconds(150);

    private final AgentConfig config;
    private final SystemdNotifier notifier;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private final QueueWakeup wakeup = new QueueWakeup();
    private final PrometheusMeterRegistry registry = Registries.agent();
    private final BerthMetrics metrics = new BerthMetrics(registry, Version.current());
    private volatile Instant lastProgress = Instant.now();
    private volatile Instant lastPassStarted = Instant.now();
    private volatile boolean passRunning;
    private volatile boolean ready;
    private volatile UrlImageFetcher fetcher;
    /** Counted down when the loop has returned: the shutdown hook waits for this, not for the thread to end. */
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    public Daemon(AgentConfig config, SystemdNotifier notifier) {
        this.config = config;
        this.notifier = notifier;
    }

    /** Runs until stopped; returns the exit code. */
    public int run() throws Exception {
        try (StateLock lock = StateLock.acquire(config.stateDir(), "berth agent")) {
            AtomicFiles.removeLeftovers(config.stateDir());
            Files.createDirectories(config.poolDir());
            AgentLoop loop = assemble();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(loop), "berth-stop"));
            Signals.onHangup(() -> {
                LOG.info("SIGHUP: a pass starts now");
                wakeup.wake(Wakeup.Cause.SIGNAL);
            });
            Optional<Watchdog> watchdog = Watchdog.start(notifier, this::alive);
            watchdog.ifPresent(resources::add);
            config.metricsListen().ifPresent(listen -> {
                MetricsServer server = keep(MetricsServer.start(listen, registry, this::loopAlive, () -> ready));
                LOG.info("metrics on http://{}:{}/metrics", listen.getHostString(), server.port());
            });
            notifier.ready();
            LOG.info(
                    "berth agent started: {} every {}, state in {}",
                    describe(config.source()),
                    config.schedule().interval(),
                    config.stateDir());
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

    private AgentLoop assemble() throws IOException {
        DownloadPolicy downloads = DownloadPolicy.defaults()
                .withAllowHttp(config.policy().allowHttp())
                .withMaxImageBytes(config.policy().maxImageBytes())
                .withTimeouts(config.connectTimeout(), config.readTimeout());
        DownloadContext context = DownloadContext.system()
                .withProgress(new CountingProgress(ProgressReporter.forThisProcess(), metrics::downloaded));
        DbusPortableHost host = keep(new DbusPortableHost(config.bus().orElse(null), java.nio.file.Path.of("/")));
        LocalImagePool pool = new LocalImagePool(config.poolDir());
        UrlImageFetcher fetcher = keep(new UrlImageFetcher(config.poolDir(), downloads, context));
        this.fetcher = fetcher;
        SignedSumsResolver sums = keep(new SignedSumsResolver(config.trustedKeys(), downloads, context));
        FileInventoryStore inventory = new FileInventoryStore(config.stateDir(), config.poolDir());
        PassLog log = new PassLog();
        UnitHealthGate health = new UnitHealthGate(
                host, config.health(), new HttpHealthProbe(), new JournalTail(), clock, Sleeper.real());
        Executor executor =
                new Executor(host, fetcher, pool, inventory, health, ReconcileListener.all(log, metrics), clock);
        Reconciler reconciler = new Reconciler(
                host,
                pool,
                inventory,
                new Planner(config.poolDir().toString(), config.driftCorrection()),
                executor,
                sums,
                config.policy(),
                clock);
        StatusTracker status = new StatusTracker(new StatusFile(config.stateDir()), inventory, clock.instant());
        LoopListener listeners = listeners(log, status, metrics);
        return new AgentLoop(
                source(),
                reconciler,
                config.schedule(),
                wakeup,
                clock,
                () -> ThreadLocalRandom.current().nextDouble(),
                listeners);
    }

    private ManifestSource source() throws IOException {
        if (config.source() instanceof SourceConfig.Manifest manifest) {
            resources.add(ManifestWatcher.start(manifest.path(), wakeup));
            return new FileManifestSource(manifest.path());
        }
        SourceConfig.Git git = (SourceConfig.Git) config.source();
        return keep(new GitManifestSource(git.access().options(config.stateDir(), config.trustedKeys())));
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
        if (fetcher != null) {
            // A download is not a step to finish: it resumes where it stopped when the agent runs again.
            fetcher.cancelAll();
        }
        try {
            if (!stopped.await(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
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
                : "git "
                        + dev.berth.model.Urls.redact(
                                ((SourceConfig.Git) source).access().url());
    }
}

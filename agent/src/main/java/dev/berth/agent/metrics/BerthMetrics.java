package dev.berth.agent.metrics;

import dev.berth.agent.render.WaitView;
import dev.berth.agent.trigger.TriggerListener;
import dev.berth.agent.trigger.TriggerResult;
import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.fleet.MaintenanceWindows;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.ImageFileName;
import dev.berth.model.host.UnitStatus;
import dev.berth.model.plan.Step;
import dev.berth.model.plan.Wait;
import dev.berth.model.state.FailedChange;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.ImageOutcome;
import dev.berth.reconciler.Pass;
import dev.berth.reconciler.health.ImageHealth;
import dev.berth.reconciler.loop.LoopListener;
import dev.berth.reconciler.loop.PassReport;
import dev.berth.reconciler.port.ReconcileListener;
import dev.berth.reconciler.port.SourceSnapshot;
import dev.berth.reconciler.port.Suspensions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Berth's metrics, whose names are a contract with the shipped dashboards and alerts (see the README). Labels stay
 * low-cardinality: image, version, profile, state, unit, action, result, revision, the host's name and the host
 * labels a person names; never URLs, hashes or errors.
 */
public final class BerthMetrics implements LoopListener, ReconcileListener {
    private final MeterRegistry registry;
    private final Timer duration;
    private final AtomicLong lastSuccess = new AtomicLong(-1);
    private final GaugeRows desired;
    private final GaugeRows attached;
    private final GaugeRows layers;
    private final GaugeRows converged;
    private final GaugeRows healthy;
    private final GaugeRows unitActive;
    private final GaugeRows revision;
    private final Counter downloadBytes;
    private final GaugeRows failed;
    private final GaugeRows halted;
    private final GaugeRows waiting;
    /** What the per-image rows were last built from (the loop thread's alone). */
    private List<Object> lastRows = List.of();

    public BerthMetrics(MeterRegistry registry, String version) {
        this.registry = registry;
        Gauge.builder("berth.build.info", () -> 1)
                .description("Berth's version")
                .tag("version", version)
                .register(registry);
        duration = Timer.builder("berth.reconcile.duration")
                .description("How long a reconcile pass took")
                .serviceLevelObjectives(
                        ms(10),
                        ms(50),
                        ms(100),
                        ms(250),
                        ms(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(120),
                        Duration.ofSeconds(300))
                .register(registry);
        Gauge.builder(
                        "berth.last.successful.reconcile.timestamp.seconds",
                        lastSuccess,
                        v -> v.get() < 0 ? Double.NaN : v.get() / 1000.0)
                .description("When a pass last ended without error (Unix time)")
                .register(registry);
        desired = GaugeRows.register("berth.image.desired.info", "Images the manifest asks for", registry);
        attached = GaugeRows.register("berth.image.attached.info", "Images attached on the host", registry);
        layers = GaugeRows.register(
                "berth.image.layer.info",
                "The base and each extension image of images attached with extensions, with their versions",
                registry);
        converged = GaugeRows.register(
                "berth.image.converged", "1 when the image is attached as the manifest asks, else 0", registry);
        healthy = GaugeRows.register("berth.image.healthy", "1 when the image's units are healthy", registry);
        unitActive = GaugeRows.register("berth.unit.active", "1 when the unit is active", registry);
        revision = GaugeRows.register("berth.source.revision.info", "The source revision last read", registry);
        downloadBytes = Counter.builder("berth.download.bytes")
                .description("Image bytes downloaded")
                .baseUnit("bytes")
                .register(registry);
        failed = GaugeRows.register(
                "berth.image.failed.info",
                "Versions this host holds as failed (not retried until the manifest entry changes); rollouts halt on"
                        + " them",
                registry);
        halted = GaugeRows.register(
                "berth.rollout.halted", "1 while the image's move to a new version is halted, else 0", registry);
        waiting = GaugeRows.register(
                "berth.image.waiting",
                "1 while the image's change waits for its time (wait: wave, outsideWaves, halted, maintenanceWindow,"
                        + " suspended); such an image is not converged, and nothing is wrong with it",
                registry);
        for (String result : List.of("success", "failure")) {
            reconciles(result);
        }
        for (String result : List.of("success", "failure", "stale")) {
            fetches(result);
        }
        for (String action : List.of("fetch", "attach", "upgrade", "start", "detach", "prune", "rollback")) {
            steps(action, "success");
            steps(action, "failure");
        }
    }

    /**
     * Says who this host is, once: {@code berth_host_info} = 1 with the host's name, and one label per key in
     * {@code labelKeys} with the host's value for it ("" when it has none). Only the keys a person chose, so that
     * the series stay few.
     */
    public void host(HostIdentity host, List<String> labelKeys) {
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.of("name", host.name()));
        labelKeys.forEach(key -> tags.add(Tag.of(key, host.labels().getOrDefault(key, ""))));
        Gauge.builder("berth.host.info", () -> 1)
                .description("Who this host is: its name, and the host labels metrics.hostLabels names")
                .tags(tags)
                .register(registry);
    }

    /**
     * {@code berth_suspended}: 1 while this host is suspended, an unreadable suspension included, else 0. Read at
     * each scrape, so a suspend or resume shows at once, whether or not a pass ran since.
     */
    public void suspensions(Suspensions suspensions, Clock clock) {
        Gauge.builder(
                        "berth.suspended",
                        () -> suspensions.current(clock.instant()).isPresent() ? 1 : 0)
                .description("1 while the host is suspended (berth suspend) and changes nothing, else 0")
                .register(registry);
    }

    /**
     * {@code berth_maintenance_window_open} = 1 while one of the host's maintenance windows is open, else 0, as the
     * clock says at each scrape. Not exported without windows: 0 would read as "changes wait" and 1 as "a window is
     * open", and neither is true of a host whose changes never wait for one.
     */
    public void maintenance(MaintenanceWindows windows, Clock clock) {
        if (windows.isEmpty()) {
            return;
        }
        Gauge.builder("berth.maintenance.window.open", () -> windows.isOpen(clock.instant()) ? 1 : 0)
                .description("1 while a maintenance window of this host is open, else 0; absent without windows")
                .register(registry);
    }

    /** Counts image bytes as they arrive (resumed downloads count only what was transferred). */
    public void downloaded(long bytes) {
        downloadBytes.increment((double) bytes);
    }

    @Override
    public void passFinished(PassReport report) {
        if (report.outcome() == PassReport.Outcome.STOPPED) {
            return;
        }
        duration.record(report.took());
        boolean success = report.outcome().succeeded();
        reconciles(success ? "success" : "failure").increment();
        if (success) {
            lastSuccess.set(report.finished().toEpochMilli());
        }
        fetches(fetchResult(report)).increment();
        report.source().ifPresent(s -> revision.set(Map.of(Tags.of("revision", s.revision()), 1)));
        report.pass().filter(this::changedSinceLastPass).ifPresent(pass -> {
            images(pass);
            rollouts(pass);
        });
    }

    /**
     * Whether the per-image rows could differ from the last pass's: a no-op pass sees the same outcomes, the same host
     * and the same remembered failures, and then building every row again would only find them equal.
     */
    private boolean changedSinceLastPass(Pass pass) {
        List<Object> rows = List.of(
                pass.outcomes(), pass.after().attached(), pass.inventory().failures());
        boolean changed = !rows.equals(lastRows) || pass.outcomes().stream().anyMatch(ImageOutcome::driftPutBack);
        lastRows = rows;
        return changed;
    }

    private static String fetchResult(PassReport report) {
        if (report.source().isEmpty()) {
            return "failure";
        }
        SourceSnapshot source = report.source().get();
        return source.stale() ? "stale" : "success";
    }

    private void images(Pass pass) {
        Map<Tags, Number> desiredRows = new LinkedHashMap<>();
        Map<Tags, Number> attachedRows = new LinkedHashMap<>();
        Map<Tags, Number> convergedRows = new LinkedHashMap<>();
        Map<Tags, Number> healthyRows = new LinkedHashMap<>();
        Map<Tags, Number> unitRows = new LinkedHashMap<>();
        Map<Tags, Number> layerRows = new LinkedHashMap<>();
        for (ImageOutcome outcome : pass.outcomes()) {
            if (outcome.desired().isEmpty()) {
                continue;
            }
            ImageSpec spec = outcome.desired().get();
            // Counters exist at 0 from the start, so that increase() sees their first event.
            rollbacks(spec.name());
            verificationFailures(spec.name());
            Counter corrections = driftCorrections(spec.name());
            if (outcome.driftPutBack()) {
                corrections.increment();
            }
            desiredRows.put(Tags.of("image", spec.name(), "version", spec.version(), "profile", spec.profile()), 1);
            convergedRows.put(Tags.of("image", spec.name()), outcome.converged() ? 1 : 0);
        }
        for (AttachedImage image : pass.after().attached()) {
            attachedRows.put(
                    Tags.of(
                            "image",
                            image.name(),
                            "version",
                            image.version().orElse(""),
                            "profile",
                            image.profile().orElse(""),
                            "state",
                            image.state().wire()),
                    1);
            healthyRows.put(
                    Tags.of("image", image.name()), ImageHealth.of(image).healthy() ? 1 : 0);
            if (!image.extensions().isEmpty()) {
                layerRows.put(layer(image.name(), "base", image.imagePath()), 1);
                image.extensions().forEach(e -> layerRows.put(layer(image.name(), "extension", e), 1));
            }
            for (UnitStatus unit : image.units()) {
                unitRows.put(Tags.of("image", image.name(), "unit", unit.name()), unit.isActive() ? 1 : 0);
            }
        }
        desired.set(desiredRows);
        attached.set(attachedRows);
        layers.set(layerRows);
        converged.set(convergedRows);
        healthy.set(healthyRows);
        unitActive.set(unitRows);
    }

    private static Tags layer(String image, String layer, String path) {
        ImageFileName file = ImageFileName.of(path);
        return Tags.of(
                "image",
                image,
                "layer",
                layer,
                "name",
                file.name(),
                "version",
                file.version().orElse(""));
    }

    /** What other hosts' rollouts ask about this one, and whether this one's rollouts are halted. */
    private void rollouts(Pass pass) {
        Map<Tags, Number> failedRows = new LinkedHashMap<>();
        for (FailedChange failure : pass.inventory().failures().values()) {
            failedRows.put(Tags.of("image", failure.image(), "version", failure.version()), 1);
        }
        Map<Tags, Number> haltedRows = new LinkedHashMap<>();
        Map<Tags, Number> waitingRows = new LinkedHashMap<>();
        for (ImageOutcome outcome : pass.outcomes()) {
            outcome.waiting()
                    .ifPresent(w ->
                            waitingRows.put(Tags.of("image", outcome.image(), "wait", WaitView.kind(w.cause())), 1));
            if (outcome.desired().isPresent()) {
                boolean stopped = outcome.waiting()
                        .filter(w -> w.cause() instanceof Wait.Halted)
                        .isPresent();
                haltedRows.put(Tags.of("image", outcome.image()), stopped ? 1 : 0);
            }
        }
        failed.set(failedRows);
        halted.set(haltedRows);
        waiting.set(waitingRows);
    }

    @Override
    public void stepSucceeded(Step step, Duration took) {
        steps(step.action().word(), "success").increment();
    }

    @Override
    public void stepFailed(Step step, BerthException error, Duration took) {
        steps(step.action().word(), "failure").increment();
        if (error.reason() == Reason.VerificationFailed) {
            step.image().ifPresent(i -> verificationFailures(i).increment());
        }
    }

    @Override
    public void rolledBack(String image, Undone undone, BerthException cause) {
        steps("rollback", "success").increment();
        rollbacks(image).increment();
    }

    /** Counts requests on /trigger by result, each starting at 0; called only when the trigger is on. */
    public TriggerListener triggers() {
        for (TriggerResult result : TriggerResult.values()) {
            triggers(result);
        }
        return result -> triggers(result).increment();
    }

    private Counter triggers(TriggerResult result) {
        return counter(
                "berth.triggers", "Requests on /trigger: accepted, refused or replayed", "result", result.label());
    }

    private Counter rollbacks(String image) {
        return counter("berth.rollbacks", "Changes undone after they failed, per image", "image", image);
    }

    private Counter verificationFailures(String image) {
        return counter("berth.verification.failures", "Downloads whose sha256 did not match", "image", image);
    }

    private Counter driftCorrections(String image) {
        return counter("berth.drift.corrections", "Drift put back, per image", "image", image);
    }

    private Counter steps(String action, String result) {
        return counter("berth.steps", "Steps run, by action and result", "action", action, "result", result);
    }

    private Counter reconciles(String result) {
        return counter("berth.reconcile", "Reconcile passes, by result", "result", result);
    }

    private Counter fetches(String result) {
        return counter(
                "berth.source.fetch",
                "Reads of the desired state: success, stale (served from cache) or failure",
                "result",
                result);
    }

    /** The counter with these tags (key, value, ...), registered on first use. */
    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}

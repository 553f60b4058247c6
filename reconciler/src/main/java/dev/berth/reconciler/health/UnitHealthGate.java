package dev.berth.reconciler.health;

import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.UnitStatus;
import dev.berth.reconciler.port.HealthGate;
import dev.berth.reconciler.port.HttpProbe;
import dev.berth.reconciler.port.PortableHost;
import dev.berth.reconciler.port.Sleeper;
import dev.berth.reconciler.port.UnitLogs;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The health gate of the agent: after a change, the image's units must become active and stay active for the
 * stable window without restarting or failing, within the timeout; a socket-, timer- or path-activated image is
 * healthy when its triggers are. With a health URL, it must answer 2xx during the window too.
 */
public final class UnitHealthGate implements HealthGate {
    private static final int LOG_LINES = 10;

    private final PortableHost host;
    private final HealthPolicy defaults;
    private final HttpProbe probe;
    private final UnitLogs logs;
    private final Clock clock;
    private final Sleeper sleeper;

    public UnitHealthGate(
            PortableHost host, HealthPolicy defaults, HttpProbe probe, UnitLogs logs, Clock clock, Sleeper sleeper) {
        this.host = host;
        this.defaults = defaults;
        this.probe = probe;
        this.logs = logs;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public void await(ImageSpec spec) {
        HealthPolicy policy = defaults.forImage(spec.health());
        Instant start = clock.instant();
        Instant deadline = start.plus(policy.timeout());
        Map<String, Long> baseline = new HashMap<>();
        Set<String> seenActive = new HashSet<>();
        Instant stableSince = null;
        String waitingFor = "the units to start";
        while (true) {
            Instant now = clock.instant();
            List<UnitStatus> units = unitsOf(spec);
            units.forEach(u -> baseline.putIfAbsent(u.name(), u.restarts()));
            Verdict verdict = UnitJudge.judge(units, baseline, seenActive);
            units.stream().filter(UnitStatus::isActive).forEach(u -> seenActive.add(u.name()));
            if (verdict instanceof Verdict.Failed failed) {
                throw unhealthy(spec, failed.why(), Optional.of(failed.unit()));
            }
            if (verdict instanceof Verdict.Healthy) {
                Optional<String> http = spec.health()
                        .http()
                        .flatMap(url -> probe.problem(url, policy.pollEvery().plusSeconds(2)));
                if (http.isPresent()) {
                    stableSince = null;
                    waitingFor = "health.http "
                            + spec.health().http().map(URI::toString).orElse("") + " " + http.get();
                } else {
                    stableSince = stableSince == null ? now : stableSince;
                    if (!now.isBefore(stableSince.plus(policy.stableFor()))) {
                        return;
                    }
                    waitingFor =
                            "the units to stay active for " + policy.stableFor().toSeconds() + " s";
                }
            } else {
                stableSince = null;
                waitingFor = ((Verdict.Waiting) verdict).why();
            }
            if (!now.isBefore(deadline)) {
                throw unhealthy(
                        spec,
                        "not healthy within " + policy.timeout().toSeconds() + " s: still waiting for " + waitingFor,
                        firstUnit(units));
            }
            sleep(min(policy.pollEvery(), Duration.between(now, deadline)));
        }
    }

    private List<UnitStatus> unitsOf(ImageSpec spec) {
        return host.inspect(spec.name()).map(AttachedImage::units).orElse(List.of());
    }

    private BerthException unhealthy(ImageSpec spec, String why, Optional<String> unit) {
        StringBuilder message = new StringBuilder(
                "image " + spec.label() + " (profile " + spec.profile() + ") failed its health check: " + why);
        unit.ifPresent(u -> {
            List<String> tail = logs.tail(u, LOG_LINES);
            if (!tail.isEmpty()) {
                message.append("; last log lines of ")
                        .append(u)
                        .append(":\n    ")
                        .append(String.join("\n    ", tail));
            }
        });
        return new BerthException(Reason.HealthCheckFailed, message.toString());
    }

    private static Optional<String> firstUnit(List<UnitStatus> units) {
        return UnitJudge.mustRun(units).stream()
                .filter(u -> !u.isActive())
                .map(UnitStatus::name)
                .findFirst();
    }

    private void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException(Reason.HealthCheckFailed, "the health check was interrupted");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

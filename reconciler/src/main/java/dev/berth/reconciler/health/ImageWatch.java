package dev.berth.reconciler.health;

import dev.berth.model.ImageSpec;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.UnitStatus;
import dev.berth.reconciler.port.HttpProbe;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One image's health window: what the gate has seen of its units since the window opened, and, at each look,
 * whether the image is still on trial, passed or failed.
 */
final class ImageWatch {
    /** Where the image stands after a look. */
    sealed interface State {
        /** Not decided yet; the window ends at the latest after {@code left}. */
        record Open(Duration left) implements State {}

        /** Active and stable for the whole window. */
        record Passed() implements State {}

        /** Failed, or not healthy within the timeout; {@code unit} is the one to show the log of. */
        record Failed(String why, Optional<String> unit) implements State {}
    }

    private final ImageSpec spec;
    private final HealthPolicy policy;
    private final HttpProbe probe;
    private final Instant deadline;
    private final Map<String, Long> baseline = new HashMap<>();
    private final Set<String> seenActive = new HashSet<>();
    private @Nullable Instant stableSince;
    private String waitingFor = "the units to start";

    ImageWatch(ImageSpec spec, HealthPolicy defaults, HttpProbe probe, Instant opened) {
        this.spec = spec;
        this.policy = defaults.forImage(spec.health());
        this.probe = probe;
        this.deadline = opened.plus(policy.timeout());
    }

    ImageSpec spec() {
        return spec;
    }

    /** One look at the host as {@code attached} shows it at {@code now}. */
    State look(List<AttachedImage> attached, Instant now) {
        List<UnitStatus> units = attached.stream()
                .filter(a -> a.name().equals(spec.name()))
                .findFirst()
                .map(AttachedImage::units)
                .orElse(List.of());
        units.forEach(u -> baseline.putIfAbsent(u.name(), u.restarts()));
        Verdict verdict = UnitJudge.judge(units, baseline, seenActive);
        units.stream().filter(UnitStatus::isActive).forEach(u -> seenActive.add(u.name()));
        if (verdict instanceof Verdict.Failed failed) {
            return new State.Failed(failed.why(), Optional.of(failed.unit()));
        }
        if (verdict instanceof Verdict.Healthy) {
            Optional<String> http = spec.health()
                    .http()
                    .flatMap(url -> probe.problem(url, policy.pollEvery().plusSeconds(2)));
            if (http.isPresent()) {
                stableSince = null;
                waitingFor =
                        "health.http " + spec.health().http().map(URI::toString).orElse("") + " " + http.get();
            } else {
                Instant since = stableSince == null ? now : stableSince;
                stableSince = since;
                if (!now.isBefore(since.plus(policy.stableFor()))) {
                    return new State.Passed();
                }
                waitingFor =
                        "the units to stay active for " + policy.stableFor().toSeconds() + " s";
            }
        } else {
            stableSince = null;
            waitingFor = ((Verdict.Waiting) verdict).why();
        }
        if (!now.isBefore(deadline)) {
            return new State.Failed(
                    "not healthy within " + policy.timeout().toSeconds() + " s: still waiting for " + waitingFor,
                    firstUnit(units));
        }
        return new State.Open(Duration.between(now, deadline));
    }

    private static Optional<String> firstUnit(List<UnitStatus> units) {
        return UnitJudge.mustRun(units).stream()
                .filter(u -> !u.isActive())
                .map(UnitStatus::name)
                .findFirst();
    }
}

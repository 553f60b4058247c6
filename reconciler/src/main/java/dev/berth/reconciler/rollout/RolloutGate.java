package dev.berth.reconciler.rollout;

import dev.berth.model.ImageSpec;
import dev.berth.model.Manifest;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.fleet.Rollout;
import dev.berth.model.host.Observed;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import dev.berth.model.plan.Wait;
import dev.berth.model.state.Inventory;
import dev.berth.reconciler.port.ChangeGate;
import dev.berth.reconciler.port.FirstSeen;
import dev.berth.reconciler.port.FleetHealth;
import dev.berth.reconciler.port.FleetReport;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Paces a new version of an image through its rollout's waves. Only a move from one version to another waits: a
 * first attach has nothing to protect, and a new profile on the same version is not a new version. The host's wave
 * k starts k * every after the rollout started (at its {@code start}, or when this host first saw the version);
 * wave 1 then goes ahead (the canaries protect themselves with the health gate), later waves only while no host
 * of the fleet reports the version failed. Nothing is cached: every pass looks again.
 */
public final class RolloutGate implements ChangeGate {
    /** How many failed hosts a message names before it counts the rest. */
    private static final int NAMED = 5;

    private final HostIdentity host;
    private final FirstSeen firstSeen;
    private final FleetHealth fleet;
    private final Clock clock;

    public RolloutGate(HostIdentity host, FirstSeen firstSeen, FleetHealth fleet, Clock clock) {
        this.host = host;
        this.firstSeen = firstSeen;
        this.fleet = fleet;
        this.clock = clock;
    }

    @Override
    public Map<String, Finding.Waiting> waits(Manifest desired, Plan plan, Observed observed, Inventory inventory) {
        Instant now = clock.instant();
        Map<String, Instant> seen = firstSeen.seen(startingWhenSeen(desired), now);
        Map<String, Finding.Waiting> waits = new LinkedHashMap<>();
        for (Step step : plan.steps()) {
            if (!(step instanceof Step.Upgrade upgrade) || !newVersion(upgrade)) {
                continue;
            }
            ImageSpec spec = upgrade.spec();
            Optional<Rollout> rollout = desired.rollout(spec.name());
            if (rollout.isEmpty()) {
                continue;
            }
            Instant started = rollout.get().start().orElse(seen.getOrDefault(spec.name(), now));
            wait(spec, rollout.get(), started, now)
                    .ifPresent(w ->
                            waits.put(spec.name(), new Finding.Waiting(spec.name(), Optional.of(spec.version()), w)));
        }
        return waits;
    }

    /** The version of each image whose rollout starts when this host first sees it. */
    private static Map<String, String> startingWhenSeen(Manifest desired) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (ImageSpec spec : desired.images()) {
            desired.rollout(spec.name())
                    .filter(r -> r.start().isEmpty())
                    .ifPresent(r -> versions.put(spec.name(), spec.version()));
        }
        return versions;
    }

    private static boolean newVersion(Step.Upgrade upgrade) {
        return !upgrade.from().version().equals(Optional.of(upgrade.spec().version()));
    }

    private Optional<Wait> wait(ImageSpec spec, Rollout rollout, Instant started, Instant now) {
        OptionalInt wave = rollout.waveOf(host, spec.name());
        if (wave.isEmpty()) {
            return Optional.of(new Wait.OutsideWaves());
        }
        int k = wave.getAsInt();
        Instant starts = rollout.waveStart(k, started);
        if (now.isBefore(starts)) {
            return Optional.of(new Wait.ForWave(k + 1, rollout.paused() ? Optional.empty() : Optional.of(starts)));
        }
        if (k == 0) {
            return Optional.empty();
        }
        FleetReport report = fleet.report(spec.name(), spec.version());
        if (report instanceof FleetReport.Failed failed) {
            return Optional.of(new Wait.Halted(spec.label() + " failed on " + named(failed.hosts())
                    + "; this host keeps what it runs while any host reports it failed (publish a fixed version, or"
                    + " retry it there)"));
        }
        if (report instanceof FleetReport.Unknown unknown) {
            return Optional.of(new Wait.Halted("cannot tell whether any host failed " + spec.label() + ": "
                    + unknown.why() + "; this host keeps what it runs and asks again every pass"));
        }
        return Optional.empty();
    }

    private static String named(List<String> hosts) {
        if (hosts.isEmpty()) {
            return "a host";
        }
        String first = String.join(", ", hosts.subList(0, Math.min(NAMED, hosts.size())));
        return hosts.size() <= NAMED ? first : first + " and " + (hosts.size() - NAMED) + " more hosts";
    }
}

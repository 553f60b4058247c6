package dev.berth.reconciler.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run of the fleet simulation: every agent starts on web 1.0, and {@link #COMMIT} later the repository gets a
 * commit that moves web to 2.0 (unless {@code pacing} is {@link Pacing#NO_RELEASE}).
 *
 * @param newVersionFails whether 2.0 fails its health check on every host that attaches it
 * @param together whether every agent starts in the same second (after a fleet-wide power cut or update) instead
 *     of at random moments, as agents that have run for a while are spread
 * @param length how long to run after the commit
 * @param samples when after the commit to count the hosts on each version
 */
record Scenario(
        int hosts,
        long seed,
        Pacing pacing,
        boolean newVersionFails,
        boolean together,
        Duration length,
        List<Duration> samples) {
    /** When the simulation's clock starts; the agents start within the first interval after it. */
    static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
    /** When the release is committed, after T0: every agent has run its first pass and converged on 1.0. */
    static final Duration COMMIT = Duration.ofMinutes(3);

    static final String WAVE_BLOCK =
            "waves: [{percent: 1}, {percent: 10}, {percent: 50}, {percent: 100}]\nevery: 30m\n";

    Scenario {
        samples = List.copyOf(samples);
    }

    /** How the new version is paced: the entry's {@code rollout:} block. */
    enum Pacing {
        /** Waves of 1, 10, 50 and 100 % of the hosts, 30 minutes apart, from when each host first saw 2.0. */
        WAVES,
        /** The same waves from one {@code start:} time for the whole fleet: the commit's time. */
        WAVES_FROM_START,
        /** No {@code rollout:}: every host moves on its first pass after the commit. */
        AT_ONCE,
        /** No new version at all: the fleet polls git and stays converged. */
        NO_RELEASE;

        Optional<String> rollout() {
            return switch (this) {
                case WAVES -> Optional.of(WAVE_BLOCK);
                case WAVES_FROM_START -> Optional.of(WAVE_BLOCK + "start: " + T0.plus(COMMIT) + "\n");
                case AT_ONCE, NO_RELEASE -> Optional.empty();
            };
        }
    }
}

package dev.berth.model.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a new version of an image reaches the fleet: in waves, wave k starting k * {@code every} after the
 * rollout starts.
 *
 * @param start when wave 0 starts; empty: when this host first saw this version
 * @param paused no wave that has not started yet starts, on any host
 */
public record Rollout(List<Wave> waves, Duration every, Optional<Instant> start, boolean paused) {
    public Rollout {
        waves = List.copyOf(waves);
        if (waves.isEmpty()) {
            throw new IllegalArgumentException("a rollout needs at least one wave");
        }
        Objects.requireNonNull(every, "every");
        if (every.isNegative()) {
            throw new IllegalArgumentException("a rollout's every must not be negative: " + every);
        }
        Objects.requireNonNull(start, "start");
    }

    /** The index of the first wave that takes this host, or empty when none does (the host never moves). */
    public OptionalInt waveOf(HostIdentity host, String image) {
        for (int k = 0; k < waves.size(); k++) {
            if (waves.get(k).takes(host, image)) {
                return OptionalInt.of(k);
            }
        }
        return OptionalInt.empty();
    }

    /** When wave {@code k} starts, for a rollout that started at {@code started}. */
    public Instant waveStart(int k, Instant started) {
        return started.plus(every.multipliedBy(k));
    }
}

package dev.berth.reconciler.health;

import dev.berth.model.HealthCheck;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a changed image's units must stay active without restarting ({@code stableFor}), within how long
 * ({@code timeout}), and how often to look.
 */
public record HealthPolicy(Duration stableFor, Duration timeout, Duration pollEvery) {
    public static final HealthPolicy DEFAULT =
            new HealthPolicy(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMillis(500));

    public HealthPolicy {
        Objects.requireNonNull(stableFor, "stableFor");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(pollEvery, "pollEvery");
        if (timeout.compareTo(stableFor) < 0) {
            throw new IllegalArgumentException(
                    "the health timeout (" + timeout + ") must be at least the stable" + " window (" + stableFor + ")");
        }
    }

    /** These defaults with one image's overrides. */
    public HealthPolicy forImage(HealthCheck check) {
        Duration stable = check.stableFor().orElse(stableFor);
        Duration limit = check.timeout().orElse(timeout);
        return new HealthPolicy(stable, limit.compareTo(stable) < 0 ? stable : limit, pollEvery);
    }
}

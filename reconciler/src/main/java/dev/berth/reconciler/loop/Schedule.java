package dev.berth.reconciler.loop;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When the next pass runs: every {@code interval}, spread by up to {@code jitter} either way so a fleet does not
 * hit git at once; after failures, {@code backoffBase} doubling up to {@code backoffCap}. A success resets it.
 *
 * @param jitter a fraction of the delay, 0 to 1
 */
public record Schedule(Duration interval, double jitter, Duration backoffBase, Duration backoffCap) {
    public static final Schedule DEFAULT =
            new Schedule(Duration.ofMinutes(1), 0.1, Duration.ofSeconds(5), Duration.ofMinutes(5));

    public Schedule {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffCap, "backoffCap");
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
        if (interval.isNegative() || interval.isZero() || backoffBase.isNegative() || backoffBase.isZero()) {
            throw new IllegalArgumentException("interval and backoff must be positive");
        }
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("the backoff cap must be at least the backoff base");
        }
    }

    /**
     * The wait before the next pass.
     *
     * @param failures passes that failed in a row (0 after a success)
     * @param random a number in [0, 1)
     */
    public Duration next(int failures, DoubleSupplier random) {
        Duration base = failures == 0 ? interval : backoff(failures);
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
    }

    /**
     * How long after a time the whole fleet knows (a wave's start, a window's opening) this host runs its pass: up to
     * {@code jitter} of the interval, so that hosts given the same time do not all fetch and download in the same
     * second (0 with no jitter).
     *
     * @param random a number in [0, 1)
     */
    public Duration spread(DoubleSupplier random) {
        return Duration.ofMillis(Math.round(interval.toMillis() * jitter * random.getAsDouble()));
    }

    /** base, 2 base, 4 base... never above the cap. */
    Duration backoff(int failures) {
        Duration delay = backoffBase;
        for (int i = 1; i < failures && delay.compareTo(backoffCap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(backoffCap) < 0 ? delay : backoffCap;
    }
}

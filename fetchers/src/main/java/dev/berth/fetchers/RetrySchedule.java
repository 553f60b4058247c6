package dev.berth.fetchers;

import java.time.Duration;
import java.util.Optional;

/**
 * How long to wait before the next attempt: capped exponential backoff with "equal jitter" (half the delay is
 * fixed, half random), so retries of many hosts spread out yet never collapse to zero. A server's Retry-After
 * wins over the backoff, up to its own cap. Pure: the randomness comes in as a number.
 */
public final class RetrySchedule {
    private final Duration base;
    private final Duration cap;
    private final Duration retryAfterCap;

    public RetrySchedule(Duration base, Duration cap, Duration retryAfterCap) {
        this.base = base;
        this.cap = cap;
        this.retryAfterCap = retryAfterCap;
    }

    public static RetrySchedule of(DownloadPolicy policy) {
        return new RetrySchedule(policy.backoffBase(), policy.backoffCap(), policy.retryAfterCap());
    }

    /**
     * How long to wait before the next attempt: what the server asked for up to its cap, else capped exponential
     * backoff with jitter.
     *
     * @param failures failed attempts so far, at least 1
     * @param retryAfter what the server asked for, if anything
     * @param random a number in [0, 1)
     */
    public Duration delay(int failures, Optional<Duration> retryAfter, double random) {
        if (failures < 1 || random < 0 || random >= 1) {
            throw new IllegalArgumentException("failures >= 1 and 0 <= random < 1, got " + failures + ", " + random);
        }
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
            return asked.compareTo(retryAfterCap) > 0 ? retryAfterCap : asked;
        }
        Duration exponential = cap;
        if (failures - 1 < 62 && base.toNanos() <= (cap.toNanos() >> (failures - 1))) {
            exponential = base.multipliedBy(1L << (failures - 1));
        }
        long half = exponential.toNanos() / 2;
        return Duration.ofNanos(half + (long) (random * (exponential.toNanos() - half)));
    }
}

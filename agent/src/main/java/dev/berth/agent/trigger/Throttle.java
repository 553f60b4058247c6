package dev.berth.agent.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * At most one log line per period for one kind of event, so that a flood of bad requests cannot flood the journal;
 * the events in between are counted and told with the next line. The metrics count every one.
 */
final class Throttle {
    private final Duration period;
    private final Clock clock;
    private Instant next = Instant.MIN;
    private long skipped;

    Throttle(Duration period, Clock clock) {
        this.period = period;
        this.clock = clock;
    }

    /** When a line may be written now: how many were skipped since the last one; else empty (and this one counted). */
    synchronized OptionalLong pass() {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            skipped++;
            return OptionalLong.empty();
        }
        next = now.plus(period);
        long before = skipped;
        skipped = 0;
        return OptionalLong.of(before);
    }
}

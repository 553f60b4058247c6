package dev.berth.reconciler.fake;

import dev.berth.reconciler.port.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock that moves only when told, and a sleeper that moves it: waiting logic runs instantly in tests. Events
 * scheduled with {@link #at} happen when the clock passes their time, as if the world went on while Berth slept.
 */
public final class ManualClock extends Clock {
    private volatile Instant now; // read by server threads in tests over real HTTP
    private final List<Event> events = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();

    public ManualClock(Instant start) {
        this.now = start;
    }

    public ManualClock() {
        this(Instant.parse("2026-11-28T12:00:00Z"));
    }

    /** Runs {@code action} once the clock reaches {@code offset} after now. */
    public void at(Duration offset, Runnable action) {
        events.add(new Event(now.plus(offset), action));
    }

    public void advance(Duration d) {
        Instant until = now.plus(d);
        events.sort(Comparator.comparing(Event::when));
        while (!events.isEmpty() && !events.get(0).when().isAfter(until)) {
            Event next = events.remove(0);
            now = next.when().isAfter(now) ? next.when() : now;
            next.action().run();
        }
        now = until;
    }

    /** A sleeper that advances this clock instead of waiting. */
    public Sleeper sleeper() {
        return d -> {
            sleeps.add(d);
            advance(d);
        };
    }

    /** Every duration slept so far. */
    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    private record Event(Instant when, Runnable action) {}
}

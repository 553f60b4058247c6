package dev.berth.fetchers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One call under the {@link SpeedFloor}: the reading thread counts the bytes that arrive, the floor's thread
 * samples them and cancels the call once a whole window brought too few. The reason is kept, so the failure that
 * the cancel causes is told as "too slow" and not as a shutdown or a broken connection.
 */
final class SpeedWatch implements AutoCloseable {
    private record Sample(Instant at, long received) {}

    private final long bytesPerSecond;
    private final Duration window;
    private final Clock clock;
    private final Runnable cancel;
    private final AtomicLong received = new AtomicLong();
    private final Deque<Sample> samples = new ArrayDeque<>(); // only the floor's thread touches these two
    private Sample base;
    private volatile boolean headers;
    private volatile @Nullable String tooSlow; // set once, when the call is cancelled for being too slow
    private volatile @Nullable Future<?> ticking; // none when there is no floor

    SpeedWatch(long bytesPerSecond, Duration window, Clock clock, Runnable cancel) {
        this.bytesPerSecond = bytesPerSecond;
        this.window = window;
        this.clock = clock;
        this.cancel = cancel;
        this.base = new Sample(clock.instant(), 0);
    }

    void ticking(Future<?> future) {
        this.ticking = future;
    }

    /** The response headers are complete; from now on the body's bytes count. */
    void headersArrived() {
        headers = true;
    }

    void received(long bytes) {
        received.addAndGet(bytes);
    }

    /** Why the call was cancelled, when it was too slow: "slower than 1 KiB/s for 60 s (...)". */
    Optional<String> tooSlow() {
        return Optional.ofNullable(tooSlow);
    }

    /** One look, from the floor's thread: drops the call when the last whole window brought too few bytes. */
    void check() {
        if (tooSlow != null) {
            return;
        }
        Instant now = clock.instant();
        long total = received.get();
        if (samples.isEmpty() || samples.getLast().at().isBefore(now)) {
            samples.addLast(new Sample(now, total));
        }
        Instant windowStart = now.minus(window);
        while (!samples.isEmpty() && !samples.getFirst().at().isAfter(windowStart)) {
            base = samples.removeFirst(); // ends as the newest sample at least a window old
        }
        long got = total - base.received();
        if (base.at().isAfter(windowStart) || got >= bytesPerSecond * window.toMillis() / 1000) {
            return;
        }
        tooSlow = "slower than " + ByteSize.exact(bytesPerSecond) + "/s for " + seconds(window) + " ("
                + (headers
                        ? "received " + got + " bytes in the last " + seconds(window)
                        : "the response headers had not arrived after " + seconds(window))
                + ")";
        cancel.run();
    }

    @Override
    public void close() {
        Future<?> f = ticking;
        if (f != null) {
            f.cancel(false);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0
                ? d.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}

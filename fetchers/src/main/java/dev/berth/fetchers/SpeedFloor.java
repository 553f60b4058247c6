package dev.berth.fetchers;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * curl's --speed-limit and --speed-time for every HTTP call of one client: a call that received fewer than
 * {@code lowSpeedLimit * lowSpeedTime} bytes in the last {@code lowSpeedTime} is cancelled. A read timeout alone
 * misses a server that sends one byte just before each timeout, or trickles its headers; this does not. One daemon
 * thread looks at every call under way; time is read from the context's clock.
 */
final class SpeedFloor implements AutoCloseable {
    private static final Duration LONGEST_TICK = Duration.ofSeconds(1);
    private static final Duration SHORTEST_TICK = Duration.ofMillis(10);

    private final long bytesPerSecond;
    private final Duration window;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "berth-speed-floor");
        t.setDaemon(true);
        return t;
    });

    SpeedFloor(DownloadPolicy policy, Clock clock) {
        this.bytesPerSecond = policy.lowSpeedLimit();
        this.window = policy.lowSpeedTime();
        this.clock = clock;
        timer.setRemoveOnCancelPolicy(true); // a finished call's check goes at once, not at its next tick
    }

    /** Starts watching a call that is about to be executed; {@code cancel} drops it when it is too slow. */
    SpeedWatch watch(Runnable cancel) {
        SpeedWatch watch = new SpeedWatch(bytesPerSecond, window, clock, cancel);
        if (bytesPerSecond > 0) {
            long tick = Math.max(SHORTEST_TICK.toMillis(), Math.min(LONGEST_TICK.toMillis(), window.toMillis() / 10));
            watch.ticking(timer.scheduleAtFixedRate(watch::check, tick, tick, TimeUnit.MILLISECONDS));
        }
        return watch;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

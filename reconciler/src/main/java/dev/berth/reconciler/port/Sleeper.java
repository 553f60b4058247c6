package dev.berth.reconciler.port;

import java.time.Duration;

/** Waits; injected so that tests of waiting logic run on a controllable clock without real waiting. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    }
}

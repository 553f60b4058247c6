package dev.berth.reconciler.loop;

import java.time.Duration;

/** What ends the wait between two passes. */
public interface Wakeup {
    /** Why a wait ended. */
    enum Cause {
        /** The interval (or backoff) passed. */
        TIMER,
        /** SIGHUP, or a person asking for a pass. */
        SIGNAL,
        /** The manifest file changed. */
        CHANGE,
        /** A signed request on POST /trigger: a forge's webhook after a push. */
        TRIGGER,
        /** berth suspend or berth resume changed whether the host is suspended. */
        SUSPENSION,
        /** The agent is stopping. */
        STOP,
        /** A one-shot command (berth apply) ran the pass. */
        COMMAND
    }

    /** Waits up to {@code delay}, or less when woken; returns why it ended. */
    Cause await(Duration delay) throws InterruptedException;

    /** Ends the current or next wait early. Safe from any thread (signal handlers, file watchers). */
    void wake(Cause cause);
}

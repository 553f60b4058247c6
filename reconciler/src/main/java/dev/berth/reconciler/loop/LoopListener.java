package dev.berth.reconciler.loop;

import dev.berth.reconciler.port.SourceSnapshot;

/** Hears each pass of the loop: for status, metrics, logs and systemd's status line. */
public interface LoopListener {
    LoopListener NONE = new LoopListener() {};

    default void passStarted(Wakeup.Cause cause) {}

    /** The desired state was read; the pass goes on to plan and execute. */
    default void sourceRead(SourceSnapshot snapshot) {}

    default void passFinished(PassReport report) {}

    /** Tells every one of {@code listeners}, in order. */
    static LoopListener all(LoopListener... listeners) {
        return new LoopListener() {
            @Override
            public void passStarted(Wakeup.Cause cause) {
                for (LoopListener l : listeners) {
                    l.passStarted(cause);
                }
            }

            @Override
            public void sourceRead(SourceSnapshot snapshot) {
                for (LoopListener l : listeners) {
                    l.sourceRead(snapshot);
                }
            }

            @Override
            public void passFinished(PassReport report) {
                for (LoopListener l : listeners) {
                    l.passFinished(report);
                }
            }
        };
    }
}

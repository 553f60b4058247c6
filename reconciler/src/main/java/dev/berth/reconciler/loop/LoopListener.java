package dev.berth.reconciler.loop;

/** Hears each pass of the loop: for status, metrics, logs and systemd's status line. */
public interface LoopListener {
    LoopListener NONE = new LoopListener() {};

    default void passStarted(Wakeup.Cause cause) {}

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
            public void passFinished(PassReport report) {
                for (LoopListener l : listeners) {
                    l.passFinished(report);
                }
            }
        };
    }
}

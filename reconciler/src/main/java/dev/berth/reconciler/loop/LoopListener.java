package dev.berth.reconciler.loop;

/** Hears each pass of the loop: for status, metrics, logs and systemd's status line. */
public interface LoopListener {
    LoopListener NONE = new LoopListener() {};

    default void passStarted(Wakeup.Cause cause) {}

    default void passFinished(PassReport report) {}
}

package dev.berth.agent.systemd;

import java.time.Duration;

/** A schedule whose ticks the test runs by hand. */
final class ManualSchedule implements Schedule {
    Duration period;
    Runnable task;
    boolean closed;

    @Override
    public AutoCloseable every(Duration period, Runnable task) {
        this.period = period;
        this.task = task;
        return () -> closed = true;
    }

    void tick() {
        if (!closed) {
            task.run();
        }
    }
}

package dev.berth.agent.systemd;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task at a fixed period until closed; tests replace it to tick by hand. */
interface Schedule {
    AutoCloseable every(Duration period, Runnable task);

    /** One daemon thread, so a forgotten watchdog never keeps the JVM alive. */
    static Schedule daemonThread(String name) {
        return (period, task) -> {
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            });
            // Nothing waits on the ticks: a task catches its own failures (see Watchdog.tick), close ends them.
            Future<?> unused = executor.scheduleAtFixedRate(task, 0, period.toNanos(), TimeUnit.NANOSECONDS);
            return () -> {
                executor.shutdownNow();
                // A ping in flight finishes before close returns: none goes out after it.
                executor.awaitTermination(1, TimeUnit.SECONDS);
            };
        };
    }
}

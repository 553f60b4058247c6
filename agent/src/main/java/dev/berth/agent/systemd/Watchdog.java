package dev.berth.agent.systemd;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings the systemd watchdog at half of WatchdogSec= while the agent is alive, as sd_watchdog_enabled(3) advises.
 * Liveness is the caller's word (say, "the loop made progress recently"): while it is false no ping goes out, so
 * systemd kills and restarts a hung agent; if it turns true again in time, pinging resumes.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    private final SystemdNotifier notifier;
    private final BooleanSupplier alive;
    private final Duration interval;
    private final AutoCloseable schedule;
    private boolean pinging = true;

    private Watchdog(SystemdNotifier notifier, BooleanSupplier alive, Duration interval, Schedule schedule) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.alive = Objects.requireNonNull(alive, "alive");
        this.interval = interval;
        this.schedule = schedule.every(period(interval), this::tick);
    }

    /**
     * Starts pinging on a daemon thread, the first ping at once; empty when systemd expects no pings from this process
     * (no WatchdogSec=, or not a systemd service).
     */
    public static Optional<Watchdog> start(SystemdNotifier notifier, BooleanSupplier alive) {
        return start(notifier, alive, Schedule.daemonThread("berth-watchdog"));
    }

    static Optional<Watchdog> start(SystemdNotifier notifier, BooleanSupplier alive, Schedule schedule) {
        return notifier.watchdogInterval().map(interval -> new Watchdog(notifier, alive, interval, schedule));
    }

    /** How often liveness is checked and a ping sent: half the interval systemd allows. */
    public static Duration period(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("watchdog interval must be positive: " + interval);
        }
        return interval.dividedBy(2);
    }

    /** WatchdogSec= as systemd passed it. */
    public Duration interval() {
        return interval;
    }

    synchronized void tick() {
        boolean ok;
        try {
            ok = alive.getAsBoolean();
        } catch (RuntimeException e) {
            log.warn("the liveness check failed; counting the agent as hung", e);
            ok = false;
        }
        if (ok) {
            notifier.watchdog();
        }
        if (ok != pinging) {
            pinging = ok;
            if (ok) {
                log.info("the agent makes progress again; the systemd watchdog is pinged again");
            } else {
                log.error(
                        "the agent made no progress: no more watchdog pings, systemd restarts it within {}"
                                + " unless it recovers",
                        interval);
            }
        }
    }

    /** Stops pinging (for a shutdown that should not be cut short by the watchdog, keep it running). */
    @Override
    public void close() {
        try {
            schedule.close();
        } catch (Exception e) {
            log.debug("stopping the watchdog schedule", e);
        }
    }
}

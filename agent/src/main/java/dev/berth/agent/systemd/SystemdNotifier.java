package dev.berth.agent.systemd;

import java.time.Duration;
import java.util.Optional;

/**
 * What the agent tells systemd about itself (sd_notify(3)). Every method is safe to call in any environment: outside
 * a {@code Type=notify} service they do nothing, and a failure to reach systemd is logged, never thrown.
 */
public interface SystemdNotifier {
    /** READY=1: start-up is over; systemd considers the unit started. */
    void ready();

    /** STATUS=: one line that {@code systemctl status} shows; line breaks are turned into spaces. */
    void status(String text);

    /** WATCHDOG=1: the agent is alive. Needed at least once per {@link #watchdogInterval()}. */
    void watchdog();

    /** STOPPING=1: the agent has begun to shut down. */
    void stopping();

    /** WatchdogSec= of the unit, when systemd expects pings from this process. */
    Optional<Duration> watchdogInterval();

    /**
     * The notifier for this process: libsystemd's when NOTIFY_SOCKET is set, otherwise one that does nothing. A
     * missing libsystemd logs one warning and gives the one that does nothing.
     */
    static SystemdNotifier fromEnvironment() {
        return NotifierFactory.create(System.getenv(), ProcessHandle.current().pid(), LibsystemdNotifier.LIBRARY);
    }

    /** A notifier that does nothing, for one-shot commands and tests. */
    static SystemdNotifier none() {
        return NoopNotifier.INSTANCE;
    }
}

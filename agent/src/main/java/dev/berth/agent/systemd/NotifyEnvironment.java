package dev.berth.agent.systemd;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What systemd put in the environment of a {@code Type=notify} service: NOTIFY_SOCKET, and WATCHDOG_USEC with
 * WATCHDOG_PID read as sd_watchdog_enabled(3) reads them. A value that cannot be used disables the watchdog and is
 * described in {@link #problem()}.
 */
record NotifyEnvironment(Optional<String> notifySocket, Optional<Duration> watchdogInterval, Optional<String> problem) {
    NotifyEnvironment {
        Objects.requireNonNull(notifySocket, "notifySocket");
        Objects.requireNonNull(watchdogInterval, "watchdogInterval");
        Objects.requireNonNull(problem, "problem");
    }

    static NotifyEnvironment read(Map<String, String> env, long pid) {
        Optional<String> socket = Optional.ofNullable(env.get("NOTIFY_SOCKET")).filter(s -> !s.isEmpty());
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null) {
            return new NotifyEnvironment(socket, Optional.empty(), Optional.empty());
        }
        long micros;
        try {
            micros = Long.parseLong(usec.strip());
        } catch (NumberFormatException e) {
            return unusable(socket, "WATCHDOG_USEC='" + usec + "' is not a number of microseconds");
        }
        // sd_watchdog_enabled treats 0 and USEC_INFINITY (beyond any long here) as invalid.
        if (micros <= 0) {
            return unusable(socket, "WATCHDOG_USEC='" + usec + "' is not a positive number of microseconds");
        }
        String watchdogPid = env.get("WATCHDOG_PID");
        if (watchdogPid != null) {
            long expected;
            try {
                expected = Long.parseLong(watchdogPid.strip());
            } catch (NumberFormatException e) {
                return unusable(socket, "WATCHDOG_PID='" + watchdogPid + "' is not a process id");
            }
            if (expected <= 0) {
                return unusable(socket, "WATCHDOG_PID='" + watchdogPid + "' is not a process id");
            }
            if (expected != pid) {
                // The watchdog is meant for another process (our parent, say): not an error, just not ours.
                return new NotifyEnvironment(socket, Optional.empty(), Optional.empty());
            }
        }
        return new NotifyEnvironment(socket, Optional.of(Duration.of(micros, ChronoUnit.MICROS)), Optional.empty());
    }

    private static NotifyEnvironment unusable(Optional<String> socket, String why) {
        return new NotifyEnvironment(
                socket, Optional.empty(), Optional.of(why + "; the systemd watchdog stays off for this process"));
    }
}

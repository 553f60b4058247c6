package dev.berth.agent.systemd;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifies systemd through libsystemd's {@code sd_notify(int unset_environment, const char *state)}, called with JNA
 * because Java 17 cannot send unix datagrams. The environment is left set, so every call reaches the socket.
 */
public final class LibsystemdNotifier implements SystemdNotifier {
    /** The runtime library that libsystemd0 installs; the unversioned name needs the -dev package. */
    public static final String LIBRARY = "libsystemd.so.0";

    /** systemd reads at most a pipe buffer per message; a status line never needs that much. */
    static final int MAX_STATUS_CHARS = 1000;

    private static final Logger log = LoggerFactory.getLogger(LibsystemdNotifier.class);

    private final Function sdNotify;
    private final Optional<Duration> watchdogInterval;
    private final AtomicBoolean failing = new AtomicBoolean();

    private LibsystemdNotifier(Function sdNotify, Optional<Duration> watchdogInterval) {
        this.sdNotify = sdNotify;
        this.watchdogInterval = Objects.requireNonNull(watchdogInterval, "watchdogInterval");
    }

    /** Loads {@code sd_notify} from {@code library}; empty (after one warning) when it cannot be loaded. */
    public static Optional<LibsystemdNotifier> load(String library, Optional<Duration> watchdogInterval) {
        try {
            Function function = NativeLibrary.getInstance(library).getFunction("sd_notify");
            return Optional.of(new LibsystemdNotifier(function, watchdogInterval));
        } catch (LinkageError | RuntimeException e) {
            log.warn(
                    "cannot load sd_notify from {} ({}); the agent runs without notifying systemd:"
                            + " install libsystemd0 or run it as Type=simple",
                    library,
                    firstLine(e));
            return Optional.empty();
        }
    }

    /** JNA's message lists every place it looked, the whole class path included. */
    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    @Override
    public void ready() {
        send("READY=1");
    }

    @Override
    public void status(String text) {
        send("STATUS=" + oneLine(text));
    }

    @Override
    public void watchdog() {
        send("WATCHDOG=1");
    }

    @Override
    public void stopping() {
        send("STOPPING=1");
    }

    @Override
    public Optional<Duration> watchdogInterval() {
        return watchdogInterval;
    }

    /** A newline would start a new assignment in the message, so a status is kept to one line. */
    static String oneLine(String text) {
        String line = String.valueOf(text).replaceAll("[\\r\\n\\x00]+", " ").strip();
        return line.length() <= MAX_STATUS_CHARS ? line : line.substring(0, MAX_STATUS_CHARS - 3) + "...";
    }

    private void send(String state) {
        String failure;
        try {
            byte[] message = (state + '\0').getBytes(StandardCharsets.UTF_8);
            int result = sdNotify.invokeInt(new Object[] {0, message});
            if (result > 0) {
                if (failing.getAndSet(false)) {
                    log.info("systemd receives the agent's notifications again");
                }
                return;
            }
            failure = result == 0 ? "NOTIFY_SOCKET is not set" : "errno " + -result;
        } catch (LinkageError | RuntimeException e) {
            failure = e.toString();
        }
        // Warn once per outage: watchdog pings would otherwise repeat the same line every few seconds.
        if (!failing.getAndSet(true)) {
            log.warn("sd_notify could not tell systemd {} ({})", state.substring(0, state.indexOf('=')), failure);
        } else {
            log.debug("sd_notify failed again for {} ({})", state, failure);
        }
    }

    @Override
    public String toString() {
        return "LibsystemdNotifier[watchdog "
                + watchdogInterval.map(Duration::toString).orElse("off") + "]";
    }
}

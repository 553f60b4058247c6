package dev.berth.agent.systemd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Remembers every notification, in order, as the state string sd_notify would get. */
final class RecordingNotifier implements SystemdNotifier {
    private final Optional<Duration> watchdogInterval;
    private final List<String> sent = new ArrayList<>();

    RecordingNotifier(Optional<Duration> watchdogInterval) {
        this.watchdogInterval = watchdogInterval;
    }

    synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    synchronized long pings() {
        return sent.stream().filter("WATCHDOG=1"::equals).count();
    }

    @Override
    public synchronized void ready() {
        sent.add("READY=1");
    }

    @Override
    public synchronized void status(String text) {
        sent.add("STATUS=" + text);
    }

    @Override
    public synchronized void watchdog() {
        sent.add("WATCHDOG=1");
    }

    @Override
    public synchronized void stopping() {
        sent.add("STOPPING=1");
    }

    @Override
    public Optional<Duration> watchdogInterval() {
        return watchdogInterval;
    }
}

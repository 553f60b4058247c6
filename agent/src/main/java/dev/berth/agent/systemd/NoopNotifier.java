package dev.berth.agent.systemd;

import java.time.Duration;
import java.util.Optional;

/** Outside a {@code Type=notify} service nobody listens: every notification is dropped. */
public final class NoopNotifier implements SystemdNotifier {
    public static final NoopNotifier INSTANCE = new NoopNotifier();

    private NoopNotifier() {}

    @Override
    public void ready() {}

    @Override
    public void status(String text) {}

    @Override
    public void watchdog() {}

    @Override
    public void stopping() {}

    @Override
    public Optional<Duration> watchdogInterval() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "NoopNotifier";
    }
}

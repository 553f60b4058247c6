package dev.berth.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierFactoryTest {
    private static final long PID = 77;
    private static final Map<String, String> SERVICE = Map.of(
            "NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "4000000", "WATCHDOG_PID", Long.toString(PID));

    @Test
    void withoutNotifySocketNothingIsSent() {
        assertThat(NotifierFactory.create(Map.of("WATCHDOG_USEC", "4000000"), PID, LibsystemdNotifier.LIBRARY))
                .isSameAs(NoopNotifier.INSTANCE);
    }

    @Test
    void underSystemdLibsystemdIsCalledAndTheWatchdogIntervalComesAlong() {
        SystemdNotifier notifier = NotifierFactory.create(SERVICE, PID, LibsystemdNotifier.LIBRARY);

        assertThat(notifier).isInstanceOf(LibsystemdNotifier.class);
        assertThat(notifier.watchdogInterval()).contains(Duration.ofSeconds(4));
    }

    @Test
    void aMissingLibsystemdIsOneWarningAndNotificationsThatDoNothing() {
        try (CapturedLogs logs = new CapturedLogs(LibsystemdNotifier.class)) {
            SystemdNotifier notifier = NotifierFactory.create(SERVICE, PID, "libberth-no-such-library.so.0");

            assertThat(notifier).isSameAs(NoopNotifier.INSTANCE);
            assertThat(notifier.watchdogInterval()).isEmpty();
            assertThatCode(() -> {
                        notifier.ready();
                        notifier.watchdog();
                    })
                    .doesNotThrowAnyException();
            assertThat(logs.at(Level.WARN))
                    .singleElement()
                    .satisfies(w -> assertThat(w)
                            .contains("libberth-no-such-library.so.0")
                            .contains("libsystemd0"));
        }
    }

    @Test
    void anUnusableWatchdogSettingIsWarnedAboutOnce() {
        try (CapturedLogs logs = new CapturedLogs(NotifierFactory.class)) {
            NotifierFactory.create(Map.of("WATCHDOG_USEC", "soon"), PID, LibsystemdNotifier.LIBRARY);

            assertThat(logs.at(Level.WARN))
                    .singleElement()
                    .satisfies(w -> assertThat(w).contains("WATCHDOG_USEC='soon'"));
        }
    }
}

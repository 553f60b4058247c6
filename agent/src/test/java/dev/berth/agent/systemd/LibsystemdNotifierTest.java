package dev.berth.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The real libsystemd in this test JVM, where NOTIFY_SOCKET is unset: sd_notify returns 0. That a message reaches
 * systemd is shown by SystemdServiceIT, inside a real systemd.
 */
class LibsystemdNotifierTest {
    @Test
    void aStatusIsKeptToOneLine() {
        assertThat(LibsystemdNotifier.oneLine("3 images\nconverged\r\n")).isEqualTo("3 images converged");
        assertThat(LibsystemdNotifier.oneLine(null)).isEqualTo("null");
    }

    @Test
    void aLongStatusIsCutShort() {
        String cut = LibsystemdNotifier.oneLine("x".repeat(5000));

        assertThat(cut).hasSize(LibsystemdNotifier.MAX_STATUS_CHARS).endsWith("...");
    }

    @Test
    void notificationsNobodyReceivesAreWarnedAboutOnceNotAtEveryPing() {
        LibsystemdNotifier notifier = LibsystemdNotifier.load(LibsystemdNotifier.LIBRARY, Optional.empty())
                .orElseThrow();

        try (CapturedLogs logs = new CapturedLogs(LibsystemdNotifier.class)) {
            assertThatCode(() -> {
                        notifier.watchdog();
                        notifier.watchdog();
                        notifier.status("still here");
                    })
                    .doesNotThrowAnyException();

            assertThat(logs.at(Level.WARN))
                    .singleElement()
                    .satisfies(w -> assertThat(w).contains("WATCHDOG").contains("NOTIFY_SOCKET is not set"));
        }
    }
}

package dev.berth.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifyEnvironmentTest {
    private static final long PID = 4242;

    private static NotifyEnvironment read(Map<String, String> env) {
        return NotifyEnvironment.read(env, PID);
    }

    @Test
    void outsideSystemdThereIsNoSocketAndNoWatchdog() {
        NotifyEnvironment env = read(Map.of());

        assertThat(env.notifySocket()).isEmpty();
        assertThat(env.watchdogInterval()).isEmpty();
        assertThat(env.problem()).isEmpty();
    }

    @Test
    void theSocketIsTakenAsSystemdGaveItAbstractOrNot() {
        assertThat(read(Map.of("NOTIFY_SOCKET", "/run/systemd/notify")).notifySocket())
                .contains("/run/systemd/notify");
        assertThat(read(Map.of("NOTIFY_SOCKET", "@/org/freedesktop/systemd1/notify/1"))
                        .notifySocket())
                .contains("@/org/freedesktop/systemd1/notify/1");
    }

    @Test
    void anEmptySocketCountsAsNone() {
        assertThat(read(Map.of("NOTIFY_SOCKET", "")).notifySocket()).isEmpty();
    }

    @Test
    void watchdogUsecIsTheIntervalInMicroseconds() {
        assertThat(read(Map.of("WATCHDOG_USEC", "2000000")).watchdogInterval()).contains(Duration.ofSeconds(2));
        assertThat(read(Map.of("WATCHDOG_USEC", "1500")).watchdogInterval()).contains(Duration.ofNanos(1_500_000));
    }

    @Test
    void theWatchdogIsOursWhenWatchdogPidIsThisProcess() {
        NotifyEnvironment env = read(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", Long.toString(PID)));

        assertThat(env.watchdogInterval()).contains(Duration.ofSeconds(30));
        assertThat(env.problem()).isEmpty();
    }

    @Test
    void aWatchdogMeantForAnotherProcessIsQuietlyNotOurs() {
        NotifyEnvironment env = read(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "1"));

        assertThat(env.watchdogInterval()).isEmpty();
        assertThat(env.problem()).isEmpty();
    }

    @Test
    void zeroNegativeAndGarbageIntervalsTurnTheWatchdogOffAndSayWhy() {
        for (String bad : new String[] {"0", "-5", "2s", "", "18446744073709551615"}) {
            NotifyEnvironment env = read(Map.of("NOTIFY_SOCKET", "/run/n", "WATCHDOG_USEC", bad));

            assertThat(env.watchdogInterval()).as(bad).isEmpty();
            assertThat(env.problem())
                    .as(bad)
                    .hasValueSatisfying(p -> assertThat(p)
                            .contains("WATCHDOG_USEC='" + bad + "'")
                            .contains("watchdog stays off"));
            assertThat(env.notifySocket()).as("notifications still work").contains("/run/n");
        }
    }

    @Test
    void aGarbageWatchdogPidTurnsTheWatchdogOffAndSaysWhy() {
        for (String bad : new String[] {"abc", "0", "-1"}) {
            NotifyEnvironment env = read(Map.of("WATCHDOG_USEC", "1000000", "WATCHDOG_PID", bad));

            assertThat(env.watchdogInterval()).as(bad).isEmpty();
            assertThat(env.problem())
                    .as(bad)
                    .map(p -> p.contains("WATCHDOG_PID='" + bad + "'"))
                    .isEqualTo(Optional.of(true));
        }
    }
}

package dev.berth.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class WatchdogTest {
    private final RecordingNotifier notifier = new RecordingNotifier(Optional.of(Duration.ofSeconds(20)));
    private final ManualSchedule schedule = new ManualSchedule();
    private final AtomicBoolean alive = new AtomicBoolean(true);

    @Test
    void withoutWatchdogSecNothingIsStarted() {
        RecordingNotifier plain = new RecordingNotifier(Optional.empty());

        assertThat(Watchdog.start(plain, alive::get, schedule)).isEmpty();
        assertThat(schedule.task).isNull();
    }

    @Test
    void pingsAtHalfOfWatchdogSecWhileTheAgentIsAlive() {
        Watchdog watchdog = Watchdog.start(notifier, alive::get, schedule).orElseThrow();
        schedule.tick();
        schedule.tick();

        assertThat(watchdog.interval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(schedule.period).isEqualTo(Duration.ofSeconds(10));
        assertThat(notifier.sent()).containsExactly("WATCHDOG=1", "WATCHDOG=1");
    }

    @Test
    void aHungAgentIsNotPingedSoSystemdRestartsItAndOneErrorSaysSo() {
        assertThat(Watchdog.start(notifier, alive::get, schedule)).isPresent();
        try (CapturedLogs logs = new CapturedLogs(Watchdog.class)) {
            schedule.tick();
            alive.set(false);
            schedule.tick();
            schedule.tick();

            assertThat(notifier.pings()).isEqualTo(1);
            assertThat(logs.at(Level.ERROR))
                    .singleElement()
                    .satisfies(e -> assertThat(e).contains("no progress").contains("PT20S"));
        }
    }

    @Test
    void pingingResumesWhenTheAgentRecoversInTime() {
        assertThat(Watchdog.start(notifier, alive::get, schedule)).isPresent();
        alive.set(false);
        schedule.tick();
        alive.set(true);
        schedule.tick();

        assertThat(notifier.sent()).containsExactly("WATCHDOG=1");
    }

    @Test
    void aLivenessCheckThatThrowsCountsAsHung() {
        assertThat(Watchdog.start(
                        notifier,
                        () -> {
                            throw new IllegalStateException("loop state unreadable");
                        },
                        schedule))
                .isPresent();
        schedule.tick();

        assertThat(notifier.sent()).isEmpty();
    }

    @Test
    void closingStopsTheSchedule() {
        Watchdog.start(notifier, alive::get, schedule).orElseThrow().close();

        assertThat(schedule.closed).isTrue();
    }

    @Test
    void aZeroIntervalIsRefused() {
        assertThatThrownBy(() -> Watchdog.period(Duration.ZERO)).hasMessageContaining("positive");
    }

    @Test
    void onItsOwnDaemonThreadItKeepsPingingUntilClosed() {
        RecordingNotifier fast = new RecordingNotifier(Optional.of(Duration.ofMillis(100)));
        try (Watchdog watchdog = Watchdog.start(fast, alive::get).orElseThrow()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fast.pings() >= 3);
            assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(t -> t.getName().equals("berth-watchdog"))
                    .allMatch(Thread::isDaemon)
                    .isNotEmpty();
        }
        long after = fast.pings();
        Awaitility.await()
                .during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .until(() -> fast.pings() == after);
    }
}

package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long MIB = 1024 * 1024;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBarShowsShareBytesRateAndEta() {
        assertThat(ProgressLine.bar("hello 1.0", 512 * MIB, 1024 * MIB, 64 * MIB, 10))
                .isEqualTo("hello 1.0 [====>     ]  50% 512.0 MiB / 1.0 GiB  64.0 MiB/s  ETA 0:08");
        assertThat(ProgressLine.bar("hello 1.0", 1024 * MIB, 1024 * MIB, 64 * MIB, 10))
                .isEqualTo("hello 1.0 [==========] 100% 1.0 GiB / 1.0 GiB  64.0 MiB/s  ETA 0:00");
    }

    @Test
    void withoutATotalThereIsNoBarAndNoEta() {
        assertThat(ProgressLine.bar("hello 1.0", 3 * MIB, -1, 1024, 10)).isEqualTo("hello 1.0 3.0 MiB  1.0 KiB/s");
    }

    @Test
    void theEtaIsUnknownUntilDataFlowsAndShowsHoursWhenLong() {
        assertThat(ProgressLine.eta(0, MIB, 0)).isEqualTo("?");
        assertThat(ProgressLine.eta(0, 8L * 1024 * MIB, MIB)).isEqualTo("2:16:32");
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAtMostEveryInterval() {
        List<String> out = new ArrayList<>();
        AtomicLong now = new AtomicLong(0);
        ProgressReporter r = new ProgressReporter(out::add, true, now::get, Duration.ofMillis(200));
        r.started("hello 1.0", 0, 100 * MIB);
        now.set(SECOND / 10);
        r.advanced(10 * MIB); // too soon
        now.set(SECOND);
        r.advanced(50 * MIB);
        r.ended(100 * MIB, true);
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).startsWith("\rhello 1.0 [").contains(" 50% 50.0 MiB / 100.0 MiB  50.0 MiB/s  ETA 0:01");
        assertThat(out.get(1)).contains("100%");
        assertThat(out.get(2)).isEqualTo(System.lineSeparator());
    }

    @Test
    void withoutATerminalItLogsALineEveryFewSecondsAndOneAtTheEnd() {
        List<String> out = new ArrayList<>();
        AtomicLong now = new AtomicLong(0);
        ProgressReporter r = new ProgressReporter(out::add, false, now::get, Duration.ofSeconds(5));
        r.started("hello 1.0", 10 * MIB, 110 * MIB);
        for (int s = 1; s <= 10; s++) {
            now.set(s * SECOND);
            r.advanced((10 + 10 * s) * MIB);
        }
        r.ended(110 * MIB, true);
        assertThat(out)
                .containsExactly(
                        "hello 1.0: 60.0 MiB / 110.0 MiB (54%), 10.0 MiB/s, ETA 0:05",
                        "hello 1.0: 110.0 MiB / 110.0 MiB (100%), 10.0 MiB/s, ETA 0:00",
                        "hello 1.0: 110.0 MiB / 110.0 MiB (100%), 10.0 MiB/s, ETA 0:00, done");
    }
}

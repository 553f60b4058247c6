package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryScheduleTest {
    private final RetrySchedule schedule =
            new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));

    @ParameterizedTest(name = "after {0} failures with random {1}: {2} ms")
    @CsvSource({
        // failures, random, expected millis: half of min(base * 2^(failures-1), cap) fixed, half jittered
        "1, 0.0,     500",
        "1, 0.5,     750",
        "1, 0.99,    995",
        "2, 0.0,    1000",
        "3, 0.5,    3000",
        "6, 0.0,   16000",
        "6, 0.99,  31840",
        "7, 0.0,   30000", // 64 s capped to 60 s
        "7, 0.5,   45000",
        "40, 0.0,  30000", // far past the cap, no overflow
        "100, 0.99, 59700"
    })
    void backsOffExponentiallyWithEqualJitterUpToTheCap(int failures, double random, long millis) {
        assertThat(schedule.delay(failures, Optional.empty(), random)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "Retry-After {0} s: wait {1} s")
    @CsvSource({"0, 0", "7, 7", "300, 300", "301, 300", "86400, 300"})
    void aRetryAfterWinsOverTheBackoffUpToItsCap(long asked, long waited) {
        assertThat(schedule.delay(3, Optional.of(Duration.ofSeconds(asked)), 0.9))
                .isEqualTo(Duration.ofSeconds(waited));
    }

    @Test
    void aZeroBaseNeverWaits() {
        RetrySchedule none = new RetrySchedule(Duration.ZERO, Duration.ZERO, Duration.ZERO);
        assertThat(none.delay(5, Optional.empty(), 0.7)).isZero();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> schedule.delay(0, Optional.empty(), 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule.delay(1, Optional.empty(), 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}

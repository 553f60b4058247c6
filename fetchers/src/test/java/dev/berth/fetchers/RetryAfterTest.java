package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @ParameterizedTest(name = "\"{0}\" is {1} s")
    @CsvSource({
        "0, 0",
        "7, 7",
        "' 120 ', 120",
        "'Sat, 28 Nov 2026 12:00:30 GMT', 30",
        "'Sat, 28 Nov 2026 13:00:00 GMT', 3600",
        "'Sat, 28 Nov 2026 11:00:00 GMT', 0", // in the past: retry now
    })
    void readsDelaySecondsAndHttpDates(String header, long seconds) {
        assertThat(RetryAfter.parse(header, NOW)).hasValue(Duration.ofSeconds(seconds));
    }

    @Test
    void anAbsurdlyLongDelayDoesNotOverflow() {
        assertThat(RetryAfter.parse("99999999999999999999999", NOW))
                .get()
                .satisfies(d -> assertThat(d).isGreaterThan(Duration.ofDays(365 * 100)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "soon", "-5", "1.5", "Saturday, 28-Nov-26 12:00:30 GMT"})
    void ignoresWhatItCannotRead(String header) {
        assertThat(RetryAfter.parse(header, NOW)).isEmpty();
    }

    @Test
    void anAbsentHeaderAsksForNothing() {
        assertThat(RetryAfter.parse(null, NOW)).isEqualTo(Optional.empty());
    }
}

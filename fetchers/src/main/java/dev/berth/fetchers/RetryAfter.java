package dev.berth.fetchers;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads a Retry-After header: delay-seconds or an HTTP date (RFC 9110 section 10.2.3). */
public final class RetryAfter {
    private RetryAfter() {}

    /** The delay asked for, never negative; empty when the header is absent or unreadable. */
    public static Optional<Duration> parse(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            // Longer than 18 digits overflows a long; any such delay is beyond every cap anyway.
            return Optional.of(
                    v.length() > 18
                            ? Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)
                            : Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant when =
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, when);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

package dev.berth.agent.cli;

import dev.berth.model.yaml.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** When a suspension ends, as a person writes it: a time (2026-12-05T10:00:00Z) or a duration from now (2h, 1d). */
final class Until {
    static final String RULE = "a time such as 2026-12-05T10:00:00Z or a duration from now such as 30m, 2h or 1d";
    private static final Pattern DAYS = Pattern.compile("(\\d{1,5})d(.*)");

    private Until() {}

    /** The instant {@code text} names, after {@code now}; an IllegalArgumentException says what to write instead. */
    static Instant parse(String text, Instant now) {
        Instant at = instant(text)
                .or(() -> duration(text).map(now::plus))
                .orElseThrow(() -> new IllegalArgumentException("must be " + RULE + ", not \"" + text + "\""));
        if (!at.isAfter(now)) {
            throw new IllegalArgumentException(
                    text + " is not to come (it is " + now + " now): give a later time or a duration such as 2h");
        }
        return at;
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** "30m", "1h30m" as durations are written elsewhere, and whole days before them: "1d", "2d12h". */
    private static Optional<Duration> duration(String text) {
        Matcher days = DAYS.matcher(text);
        if (!days.matches()) {
            return Durations.parse(text);
        }
        Duration whole = Duration.ofDays(Long.parseLong(days.group(1)));
        return days.group(2).isEmpty()
                ? Optional.of(whole)
                : Durations.parse(days.group(2)).map(whole::plus);
    }
}

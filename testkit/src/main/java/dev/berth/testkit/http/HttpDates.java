package dev.berth.testkit.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** IMF-fixdate, the one HTTP date format servers must send (RFC 9110 section 5.6.7). */
public final class HttpDates {
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private HttpDates() {}

    public static String format(Instant when) {
        return IMF_FIXDATE.format(when);
    }

    /** The instant of an IMF-fixdate, or empty when the text is not one. */
    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(Instant.from(IMF_FIXDATE.parse(text.trim())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

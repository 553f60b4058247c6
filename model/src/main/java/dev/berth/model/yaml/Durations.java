package dev.berth.model.yaml;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in YAML: "500ms", "10s", "5m", "1h30m". */
public final class Durations {
    public static final String RULE = "must be a duration such as 500ms, 10s, 5m or 1h30m";
    /** What {@link #parse} reads, as a whole. */
    public static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h))+");

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {}

    public static Optional<Duration> parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long n;
            try {
                n = Long.parseLong(part.group(1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            total = total.plus(
                    switch (part.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofHours(n);
                    });
        }
        return Optional.of(total);
    }

    /** "1m30s", "500ms": the shortest spelling {@link #parse} reads back. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        long seconds = d.toSecondsPart();
        long millis = d.toMillisPart();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (seconds > 0) {
            text.append(seconds).append('s');
        }
        if (millis > 0) {
            text.append(millis).append("ms");
        }
        return text.toString();
    }
}

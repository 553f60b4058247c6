package dev.berth.agent.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people write them: 8GiB, 512MiB, 1000000. */
final class ByteSizes {
    static final String RULE = "must be a size such as 8GiB, 512MiB, 100MB or a number of bytes";
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)");

    private ByteSizes() {}

    static Optional<Long> parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long unit = switch (m.group(2)) {
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "TB" -> 1_000_000_000_000L;
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            case "TiB" -> 1L << 40;
            default -> 1L;
        };
        try {
            long value = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

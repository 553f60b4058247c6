package dev.berth.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values each {@link Limit} takes, checked strictly, as systemd spells them in a unit file: sizes (256M, 1G,
 * infinity) or a percent of the host's memory, a CPU percent, a task count, a weight, or IP address lists. A value
 * that passes here is written into a drop-in as it is, so nothing else (no newline, no second assignment, no
 * specifier) can reach the unit file.
 */
public final class LimitValue {
    /** The words systemd's IPAddressAllow= and IPAddressDeny= take besides addresses. */
    public static final List<String> IP_WORDS = List.of("any", "localhost", "link-local", "multicast");

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})([KMGT]?)");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,7})%");
    private static final Pattern INTEGER = Pattern.compile("\\d{1,19}");
    private static final Pattern IPV4 =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");
    private static final Pattern IPV6 = Pattern.compile("([0-9a-fA-F:]{2,39})(?:/(\\d{1,3}))?");
    private static final long WEIGHT_MAX = 10_000;

    private LimitValue() {}

    /** What {@code limit} takes, in words for an error message. */
    public static String rule(Limit limit) {
        return switch (limit) {
            case MEMORY_MAX, MEMORY_HIGH ->
                "must be a size in bytes with an optional K, M, G or T suffix (256M, 1G),"
                        + " a percent of the host's memory from 1% to 100%, or infinity";
            case CPU_QUOTA -> "must be a percent of one CPU, at least 1% (50%, or 200% for two CPUs)";
            case CPU_WEIGHT, IO_WEIGHT -> "must be a whole number from 1 to 10000";
            case TASKS_MAX -> "must be a whole number of at least 1, or infinity";
            case IP_ADDRESS_ALLOW, IP_ADDRESS_DENY ->
                "must be a list of IPv4 or IPv6 addresses with an optional"
                        + " /prefix length (10.0.0.0/8), or the words " + String.join(", ", IP_WORDS);
        };
    }

    /** True when {@code limit} takes a list (the IP address lists). */
    public static boolean isList(Limit limit) {
        return limit == Limit.IP_ADDRESS_ALLOW || limit == Limit.IP_ADDRESS_DENY;
    }

    /** True when a single value of {@code limit} is valid (for lists: one item). */
    public static boolean valid(Limit limit, String value) {
        return switch (limit) {
            case MEMORY_MAX, MEMORY_HIGH ->
                value.equals("infinity")
                        || size(value).isPresent()
                        || percent(value).filter(p -> p >= 1 && p <= 100).isPresent();
            case CPU_QUOTA -> percent(value).filter(p -> p >= 1).isPresent();
            case CPU_WEIGHT, IO_WEIGHT ->
                integer(value).filter(w -> w >= 1 && w <= WEIGHT_MAX).isPresent();
            case TASKS_MAX ->
                value.equals("infinity") || integer(value).filter(n -> n >= 1).isPresent();
            case IP_ADDRESS_ALLOW, IP_ADDRESS_DENY -> IP_WORDS.contains(value) || ipv4(value) || ipv6(value);
        };
    }

    /**
     * A value of {@code limit} as one comparable quantity, to hold it to a cap: bytes for sizes, percent for
     * percents, the number for counts and weights; {@link Long#MAX_VALUE} for infinity. Empty for address lists.
     */
    public static Optional<Quantity> quantity(Limit limit, String value) {
        if (isList(limit)) {
            return Optional.empty();
        }
        if (value.equals("infinity")) {
            return Optional.of(new Quantity(Long.MAX_VALUE, false));
        }
        OptionalLong percent = percent(value).map(OptionalLong::of).orElse(OptionalLong.empty());
        if (percent.isPresent()) {
            return Optional.of(new Quantity(percent.getAsLong(), true));
        }
        return size(value).map(bytes -> new Quantity(bytes, false));
    }

    /**
     * An amount to compare with another of the same limit.
     *
     * @param percent the amount is a percent (of memory, of a CPU); a percent and a size cannot be compared
     */
    public record Quantity(long amount, boolean percent) {
        /** Whether this is more than {@code cap}; a percent and a size compared are always "more". */
        public boolean exceeds(Quantity cap) {
            return percent != cap.percent || amount > cap.amount;
        }
    }

    static Optional<Long> size(String value) {
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        int shift = switch (m.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
        if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            return Optional.empty();
        }
        return Optional.of(bytes.longValueExact());
    }

    private static Optional<Long> percent(String value) {
        Matcher m = PERCENT.matcher(value);
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static Optional<Long> integer(String value) {
        if (!INTEGER.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean ipv4(String value) {
        Matcher m = IPV4.matcher(value);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return m.group(5) == null || Integer.parseInt(m.group(5)) <= 32;
    }

    /** Eight groups of up to four hex digits, or fewer with one "::"; no embedded IPv4, no zone. */
    private static boolean ipv6(String value) {
        Matcher m = IPV6.matcher(value);
        if (!m.matches() || (m.group(2) != null && Integer.parseInt(m.group(2)) > 128)) {
            return false;
        }
        String address = m.group(1).toLowerCase(Locale.ROOT);
        int gap = address.indexOf("::");
        if (gap != address.lastIndexOf("::")
                || (address.startsWith(":") && gap != 0)
                || (address.endsWith(":") && gap != address.length() - 2)) {
            return false;
        }
        String[] groups = gap < 0
                ? address.split(":", -1)
                : (address.substring(0, gap) + ":" + address.substring(gap + 2)).split(":", -1);
        int written = 0;
        for (String group : groups) {
            if (group.isEmpty()) {
                continue;
            }
            if (group.length() > 4) {
                return false;
            }
            written++;
        }
        boolean emptyGroups = gap < 0 && List.of(groups).contains("");
        return !emptyGroups && (gap < 0 ? written == 8 : written < 8);
    }
}

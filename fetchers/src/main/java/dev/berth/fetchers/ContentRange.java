package dev.berth.fetchers;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Content-Range header: "bytes FIRST-LAST/TOTAL" in a 206, "bytes &#42;/TOTAL" in a 416. {@code first} and
 * {@code last} are -1 in the second form, {@code total} is -1 when the server writes "*".
 */
record ContentRange(long first, long last, long total) {
    private static final Pattern SATISFIED = Pattern.compile("bytes\\s+(\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");
    private static final Pattern UNSATISFIED = Pattern.compile("bytes\\s+\\*/(\\d{1,18})");

    static Optional<ContentRange> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.trim();
        Matcher m = SATISFIED.matcher(h);
        if (m.matches()) {
            long first = Long.parseLong(m.group(1));
            long last = Long.parseLong(m.group(2));
            long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            if (last < first || (total >= 0 && last >= total)) {
                return Optional.empty();
            }
            return Optional.of(new ContentRange(first, last, total));
        }
        Matcher u = UNSATISFIED.matcher(h);
        return u.matches() ? Optional.of(new ContentRange(-1, -1, Long.parseLong(u.group(1)))) : Optional.empty();
    }
}

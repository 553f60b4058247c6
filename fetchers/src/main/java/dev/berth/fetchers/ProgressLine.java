package dev.berth.fetchers;

import java.util.Locale;

/** The text of a progress report: pure, so its shape is tested without a terminal or a clock. */
final class ProgressLine {
    private ProgressLine() {}

    /** "hello 1.0 [=====>    ]  48% 512.0 MiB / 1.0 GiB  85.3 MiB/s  ETA 0:06", or without bar and ETA when the total is unknown. */
    static String bar(String label, long done, long total, double bytesPerSecond, int barWidth) {
        StringBuilder s = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(barWidth, done * barWidth / total);
            s.append('[')
                    .append("=".repeat(Math.max(0, filled - 1)))
                    .append(filled > 0 ? (filled == barWidth ? "=" : ">") : "")
                    .append(" ".repeat(barWidth - filled))
                    .append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", done * 100 / total));
        }
        s.append(sizes(done, total)).append("  ").append(rate(bytesPerSecond));
        if (total > 0) {
            s.append("  ETA ").append(eta(done, total, bytesPerSecond));
        }
        return s.toString();
    }

    /** The same facts as a log line. */
    static String log(String label, long done, long total, double bytesPerSecond) {
        StringBuilder s = new StringBuilder(label).append(": ").append(sizes(done, total));
        if (total > 0) {
            s.append(String.format(Locale.ROOT, " (%d%%)", done * 100 / total));
        }
        s.append(", ").append(rate(bytesPerSecond));
        if (total > 0) {
            s.append(", ETA ").append(eta(done, total, bytesPerSecond));
        }
        return s.toString();
    }

    private static String sizes(long done, long total) {
        return total > 0 ? ByteSize.human(done) + " / " + ByteSize.human(total) : ByteSize.human(done);
    }

    private static String rate(double bytesPerSecond) {
        return ByteSize.human((long) bytesPerSecond) + "/s";
    }

    /** m:ss or h:mm:ss, "?" before the rate is known. */
    static String eta(long done, long total, double bytesPerSecond) {
        if (bytesPerSecond < 1) {
            return "?";
        }
        long seconds = (long) Math.ceil((total - done) / bytesPerSecond);
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long sec = seconds % 60;
        return h > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}

package dev.berth.fetchers;

import java.util.Locale;

/** Byte counts for people: "1.5 GiB", "512 B". */
final class ByteSize {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteSize() {}

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    /** A size given in whole units as such ("1 KiB", "64 MiB"), any other as {@link #human}. */
    static String exact(long bytes) {
        int unit = 0;
        long v = bytes;
        while (v >= 1024 && v % 1024 == 0 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return unit == 0 && bytes >= 1024 ? human(bytes) : v + " " + UNITS[unit];
    }
}

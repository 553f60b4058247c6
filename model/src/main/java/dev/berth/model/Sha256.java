package dev.berth.model;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** A SHA-256 digest as 64 lowercase hexadecimal digits. */
public record Sha256(String hex) {
    public static final Pattern FORMAT = Pattern.compile("[0-9a-fA-F]{64}");

    public Sha256 {
        if (hex == null || !FORMAT.matcher(hex).matches()) {
            throw new IllegalArgumentException("a sha256 is 64 hexadecimal digits, got " + hex);
        }
        hex = hex.toLowerCase(Locale.ROOT);
    }

    public static Sha256 of(byte[] digest) {
        return new Sha256(HexFormat.of().formatHex(digest));
    }

    /** The first 12 digits, enough for a person to compare. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return hex;
    }
}

package dev.berth.model;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * How the published file of an image is compressed. Berth verifies the sha256 of the bytes it downloads (the
 * published file's hash, as systemd-sysupdate does) and decompresses them while downloading into NAME_VERSION.raw.
 */
public enum Compression {
    NONE("none", ""),
    GZIP("gzip", ".gz"),
    XZ("xz", ".xz"),
    ZSTD("zstd", ".zst");

    private final String word;
    private final String suffix;

    Compression(String word, String suffix) {
        this.word = word;
        this.suffix = suffix;
    }

    /** The manifest's word for it: none, gzip, xz, zstd. */
    public String word() {
        return word;
    }

    /** The file name suffix publishers give it after ".raw": ".gz", ".xz", ".zst"; empty for none. */
    public String suffix() {
        return suffix;
    }

    /** The compression a URL's file name says ({@code .raw.xz}, {@code .raw.zst}, {@code .raw.gz}); none otherwise. */
    public static Compression ofUrl(URI url) {
        String path = Optional.ofNullable(url.getPath()).orElse("").toLowerCase(Locale.ROOT);
        for (Compression c : values()) {
            if (c != NONE && path.endsWith(".raw" + c.suffix)) {
                return c;
            }
        }
        return NONE;
    }

    /** The compression a manifest word names; empty for an unknown word. */
    public static Optional<Compression> ofWord(String word) {
        for (Compression c : values()) {
            if (c.word.equals(word)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}

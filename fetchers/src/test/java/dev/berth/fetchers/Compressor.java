package dev.berth.fetchers;

import dev.berth.model.Compression;

/** Compresses test data with the system tool for a {@link Compression}, as a publisher would. */
final class Compressor {
    private Compressor() {}

    static byte[] compress(Compression how, byte[] data, String... flags) {
        String tool = switch (how) {
            case GZIP -> "gzip";
            case XZ -> "xz";
            case ZSTD -> "zstd";
            case NONE -> throw new IllegalArgumentException("none is not a compression");
        };
        return dev.berth.testkit.Compressor.compress(data, tool, flags);
    }
}

package dev.berth.fetchers;

import dev.berth.model.Compression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Compresses test data with the system's own xz, zstd and gzip, as a publisher would. */
final class Compressor {
    private Compressor() {}

    /** {@code data} compressed by the tool for {@code how}, with its usual flags plus {@code flags}. */
    static byte[] compress(Compression how, byte[] data, String... flags) {
        String tool = switch (how) {
            case GZIP -> "gzip";
            case XZ -> "xz";
            case ZSTD -> "zstd";
            case NONE -> throw new IllegalArgumentException("none is not a compression");
        };
        try {
            Path in = Files.createTempFile("berth-compress", ".raw");
            Path out = Files.createTempFile("berth-compress", ".out");
            try {
                Files.write(in, data);
                List<String> command = new ArrayList<>(List.of(tool, "-c", "-q"));
                command.addAll(List.of(flags));
                command.add(in.toString());
                Process p = new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command)
                            + " failed: the tests need xz-utils, zstd and gzip installed (scripts/lib/packages.sh)");
                }
                return Files.readAllBytes(out);
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Compresses test data with the system's own xz, zstd or gzip, as a publisher would. */
public final class Compressor {
    private Compressor() {}

    /**
     * {@code data} compressed by {@code tool} ("xz", "zstd", "gzip") with {@code flags} ("-3").
     *
     * @throws IllegalStateException when the tool is missing or fails
     */
    public static byte[] compress(byte[] data, String tool, String... flags) {
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
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command)
                            + " failed: the tests need xz-utils, zstd and gzip installed (scripts/test.sh installs"
                            + " them)");
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

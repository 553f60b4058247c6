package dev.berth.e2e;

import dev.berth.testkit.Compressor;
import dev.berth.testkit.PortableImage;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Where test images are published: built as raw squashfs images and served over http on 127.0.0.1. */
final class Shelf implements AutoCloseable {
    final MisbehavingHttpServer server = MisbehavingHttpServer.start();
    private final Path dir;

    Shelf(Path dir) {
        this.dir = dir;
    }

    Published publish(PortableImage image) {
        Path raw = image.buildRaw(dir);
        return serve(image, raw.getFileName().toString(), read(raw));
    }

    /**
     * Publishes the image as NAME_VERSION.raw{@code suffix}, compressed by {@code tool} with {@code flags} ("zstd",
     * ".zst", "-3"): the entry's sha256 is the compressed file's, as publishers list it.
     */
    Published publishCompressed(PortableImage image, String tool, String suffix, String... flags) {
        Path raw = image.buildRaw(dir);
        return serve(image, raw.getFileName() + suffix, Compressor.compress(read(raw), tool, flags));
    }

    private Published serve(PortableImage image, String fileName, byte[] bytes) {
        String path = "/images/" + fileName;
        server.put(path, Resource.of(bytes));
        return new Published(image.name(), image.version(), server.uri(path).toString(), sha256(bytes), bytes.length);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /** An image on the shelf: what a manifest entry needs. */
    record Published(String name, String version, String url, String sha256, long size) {
        String fileName() {
            return name + "_" + version + ".raw";
        }

        /** The manifest entry for this image, with extra YAML lines (indented by the caller) appended. */
        String entry(String... extra) {
            StringBuilder yaml = new StringBuilder()
                    .append("  - name: ")
                    .append(name)
                    .append('\n')
                    .append("    version: \"")
                    .append(version)
                    .append("\"\n")
                    .append("    url: ")
                    .append(url)
                    .append('\n')
                    .append("    sha256: ")
                    .append(sha256)
                    .append('\n');
            for (String line : extra) {
                yaml.append("    ").append(line).append('\n');
            }
            return yaml.toString();
        }
    }

    static String manifest(String... entries) {
        return "apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n"
                + (entries.length == 0 ? "  []\n" : String.join("", entries));
    }
}

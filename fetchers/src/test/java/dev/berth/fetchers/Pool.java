package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Assertions about what a download left in a pool directory. */
final class Pool {
    private Pool() {}

    static List<String> names(Path pool) {
        if (!Files.isDirectory(pool)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(pool)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A partial download as an earlier run of Berth leaves it: a plain file only root can read. */
    static Path writePartial(Path pool, byte[] bytes) throws IOException {
        Path partial = Files.write(pool.resolve(Images.PARTIAL), bytes);
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        return partial;
    }

    /** The sidecar an earlier run leaves next to a resumable partial of {@code url}. */
    static void writeMeta(Path pool, URI url, Sha256 sha256, String etag) throws IOException {
        new PartialMeta(PartialMeta.keyOf(url.toString()), sha256, Optional.of(etag), Optional.empty())
                .write(pool.resolve(Images.META));
    }

    /** Nothing at the target and no temporary file at all. */
    static void assertEmpty(Path pool) {
        assertThat(names(pool)).as("files left in the pool").isEmpty();
    }

    /** Nothing at the target; only the resumable partial and its sidecar. */
    static void assertOnlyResumablePartial(Path pool, long partialBytes) throws IOException {
        assertThat(names(pool)).containsExactly(Images.PARTIAL, Images.META);
        assertThat(Files.size(pool.resolve(Images.PARTIAL))).isEqualTo(partialBytes);
    }

    /** The verified image at the target and nothing else. */
    static void assertOnlyImage(Path pool, byte[] bytes) throws IOException {
        assertThat(names(pool)).containsExactly(Images.TARGET);
        assertThat(Files.readAllBytes(pool.resolve(Images.TARGET))).isEqualTo(bytes);
    }
}

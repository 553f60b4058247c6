package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The .deb that the dist module builds (dist/target/berth_VERSION_all.deb). */
final class DebianPackage {
    private DebianPackage() {}

    static Path file() {
        Path dir = Path.of(System.getProperty("berth.deb.dir", "../dist/target"))
                .toAbsolutePath()
                .normalize();
        List<Path> found;
        try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            found = files.filter(p -> p.getFileName().toString().matches("berth_[^_/]+_all\\.deb"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        assertThat(found)
                .as("exactly one berth_VERSION_all.deb in %s (mvn package builds it; mvn clean removes old ones)", dir)
                .hasSize(1);
        return found.get(0);
    }
}

package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.host.PoolFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalImagePoolTest {
    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    @Test
    void listsRegularFilesIncludingPartialsWithSizeAndMtimeButNotDirectories() throws Exception {
        Files.write(dir.resolve("hello_1.0.raw"), new byte[10]);
        Files.write(dir.resolve(".#hello_2.0.raw.partial"), new byte[3]);
        Files.createDirectory(dir.resolve("tree_1.0"));
        Instant mtime = Instant.parse("2026-01-02T03:04:05Z");
        Files.setLastModifiedTime(dir.resolve("hello_1.0.raw"), FileTime.from(mtime));
        LocalImagePool pool = new LocalImagePool(dir);
        assertThat(pool.list())
                .containsExactly(
                        new PoolFile(
                                dir.resolve(".#hello_2.0.raw.partial").toString(),
                                3,
                                Files.getLastModifiedTime(dir.resolve(".#hello_2.0.raw.partial"))
                                        .toInstant()),
                        new PoolFile(dir.resolve("hello_1.0.raw").toString(), 10, mtime));
        assertThat(pool.list().get(0).isPartial()).isTrue();
    }

    @Test
    void aMissingPoolDirectoryIsEmpty() {
        assertThat(new LocalImagePool(dir.resolve("absent")).list()).isEmpty();
    }

    @Test
    void hashesAFileByStreamingIt() throws Exception {
        byte[] bytes = Images.bytes(3 * 1024 * 1024 + 17, 9);
        Files.write(dir.resolve("hello_1.0.raw"), bytes);
        LocalImagePool pool = new LocalImagePool(dir);
        assertThat(pool.hash(pool.pathOf("hello_1.0.raw"))).isEqualTo(Images.sha256(bytes));
    }

    @Test
    void hashingAMissingFileIsFetchFailedNamingIt() {
        LocalImagePool pool = new LocalImagePool(dir);
        assertThatThrownBy(() -> pool.hash(pool.pathOf("gone_1.0.raw")))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining(dir.resolve("gone_1.0.raw").toString())
                .satisfies(e -> assertThat(((BerthException) e).reason()).isEqualTo(Reason.FetchFailed));
    }

    @Test
    void deletesAFileAndToleratesOneThatIsAlreadyGone() throws Exception {
        Files.write(dir.resolve("hello_1.0.raw"), new byte[1]);
        LocalImagePool pool = new LocalImagePool(dir);
        pool.delete(pool.pathOf("hello_1.0.raw"));
        pool.delete(pool.pathOf("hello_1.0.raw"));
        assertThat(pool.list()).isEmpty();
    }

    @Test
    void refusesPathsOutsideThePool() {
        LocalImagePool pool = new LocalImagePool(dir);
        assertThatThrownBy(() -> pool.delete(dir.resolve("../elsewhere.raw").toString()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool.pathOf("../x.raw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool.hash("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSymlinkIsNotAPoolFile() throws Exception {
        Path outside = Files.write(elsewhere.resolve("shadow"), new byte[7]);
        Files.createSymbolicLink(dir.resolve("hello_1.0.raw"), outside);
        Files.createSymbolicLink(dir.resolve("tree_1.0"), elsewhere);

        assertThat(new LocalImagePool(dir).list()).isEmpty();
    }

    @Test
    void aSymlinkIsNeverHashedThrough() throws Exception {
        Path outside = Files.write(elsewhere.resolve("shadow"), new byte[7]);
        Files.createSymbolicLink(dir.resolve("hello_1.0.raw"), outside);
        LocalImagePool pool = new LocalImagePool(dir);

        assertThatThrownBy(() -> pool.hash(pool.pathOf("hello_1.0.raw")))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("a symbolic link, which Berth never reads")
                .satisfies(e -> assertThat(((BerthException) e).reason()).isEqualTo(Reason.FetchFailed));
    }
}

package dev.berth.fetchers.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {
    @TempDir
    Path dir;

    @Test
    void aSymlinkAtTheNameIsReplacedAndItsTargetNeverWritten() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside"), "precious");
        Path file = dir.resolve(".#x.partial");
        Files.createSymbolicLink(file, outside);

        try (FileChannel channel = SafeFiles.createNew(file, SafeFiles.PRIVATE)) {
            channel.write(ByteBuffer.wrap("new".getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(Files.readString(outside)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(Files.readString(file)).isEqualTo("new");
    }

    @Test
    void aHardLinkToAFileElsewhereIsNotReusedNorWritten() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside"), "precious");
        Path file = dir.resolve("inventory.json");
        Files.createLink(file, outside);

        assertThat(SafeFiles.openExisting(file)).isEmpty();
        try (FileChannel channel = SafeFiles.createNew(file, SafeFiles.PRIVATE)) {
            channel.write(ByteBuffer.wrap("new".getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(Files.readString(outside)).isEqualTo("precious");
    }

    @Test
    void aDanglingSymlinkIsNotFollowedToCreateItsTarget() throws IOException {
        Path target = dir.resolve("created-elsewhere");
        Path file = dir.resolve("lock");
        Files.createSymbolicLink(file, target);

        SafeFiles.createNew(file, SafeFiles.PRIVATE).close();

        assertThat(Files.exists(target, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void anExistingPlainFileIsReusedAndASymlinkIsNot() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain"), "abc");
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, plain);

        assertThat(SafeFiles.openExisting(plain)).isPresent();
        assertThat(SafeFiles.openExisting(link)).isEmpty();
        assertThat(SafeFiles.readPlain(link, 100)).isEmpty();
        assertThat(SafeFiles.readPlain(plain, 100))
                .hasValueSatisfying(b -> assertThat(b).hasSize(3));
    }

    @Test
    void newFilesHaveExactlyTheModeAsked() throws IOException {
        Path file = dir.resolve("image.raw");
        Path status = dir.resolve("status.json");

        SafeFiles.createNew(file, SafeFiles.PRIVATE).close();
        SafeFiles.createExclusive(status, SafeFiles.PUBLIC).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(status)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void aSymlinkWhereADirectoryShouldBeIsRefused() throws IOException {
        Path link = dir.resolve("git");
        Files.createSymbolicLink(link, Files.createDirectory(dir.resolve("elsewhere")));

        assertThatThrownBy(() -> SafeFiles.directory(link, SafeFiles.PRIVATE_DIRECTORY))
                .hasMessageContaining("symbolic link");
        SafeFiles.directory(dir.resolve("a/b"), SafeFiles.PRIVATE_DIRECTORY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
                .isEqualTo("rwx------");
    }

    @Test
    void writeNewReplacesASymlinkWithAPrivateFile() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside"), "precious");
        Path file = dir.resolve(".#x.partial.meta");
        Files.createSymbolicLink(file, outside);

        SafeFiles.writeNew(file, SafeFiles.PRIVATE, "meta".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(outside)).isEqualTo("precious");
        assertThat(Files.readString(file)).isEqualTo("meta");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void aPlainFilesKeyChangesWhenTheNameIsReplacedOrLinked() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "abc");
        Object key = SafeFiles.plainFileKey(file).orElseThrow();

        Files.createLink(dir.resolve("second-link"), file);
        assertThat(SafeFiles.plainFileKey(file)).as("two links").isEmpty();
        Files.delete(dir.resolve("second-link"));
        assertThat(SafeFiles.plainFileKey(file)).hasValue(key);

        Files.delete(file);
        Files.createSymbolicLink(file, Files.writeString(dir.resolve("other"), "abc"));
        assertThat(SafeFiles.plainFileKey(file)).as("a symlink").isEmpty();
    }

    @Test
    void anExclusiveCreateRefusesAnythingAtTheNameAndRemovesNothing() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside"), "precious");
        Path link = Files.createSymbolicLink(dir.resolve("lock"), outside);
        Path dangling = Files.createSymbolicLink(dir.resolve("other"), dir.resolve("created-elsewhere"));

        assertThatThrownBy(() -> SafeFiles.createExclusive(link, SafeFiles.PRIVATE))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> SafeFiles.createExclusive(dangling, SafeFiles.PRIVATE))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(outside)).isEqualTo("precious");
        assertThat(Files.exists(dir.resolve("created-elsewhere"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
    }

    @Test
    void aPlainFileHasAKeyThatChangesWhenTheFileIsReplacedAndALinkHasNone() throws IOException {
        Path file = Files.writeString(dir.resolve("lock"), "a");
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        Object before = SafeFiles.plainFileKey(file).orElseThrow();

        assertThat(SafeFiles.plainFileKey(file)).hasValue(before);
        assertThat(SafeFiles.plainFileKey(link)).isEmpty();
        // While a descriptor holds the old file its inode cannot be reused, so the new one has another key.
        try (FileChannel old = SafeFiles.openExisting(file).orElseThrow()) {
            SafeFiles.createNew(file, SafeFiles.PRIVATE).close();
            assertThat(SafeFiles.plainFileKey(file)).isPresent().isNotEqualTo(Optional.of(before));
        }
    }
}

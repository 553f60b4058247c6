package dev.berth.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.fetchers.fs.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private Path outside() throws IOException {
        return Files.writeString(dir.resolve("outside"), "precious");
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSymlinkAtTheTemporaryNameIsReplacedAndItsTargetNeverWritten() throws IOException {
        Path outside = outside();
        Path state = Files.createDirectory(dir.resolve("state"));
        Path target = state.resolve("status.json");
        Files.createSymbolicLink(AtomicFiles.temporaryFor(target), outside);

        AtomicFiles.write(target, bytes("new"), SafeFiles.PUBLIC);

        assertThat(Files.readString(outside)).isEqualTo("precious");
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(names(state)).containsExactly("status.json");
    }

    @Test
    void aDanglingSymlinkAtTheTemporaryNameDoesNotCreateItsTarget() throws IOException {
        Path target = dir.resolve("inventory.json");
        Path elsewhere = dir.resolve("created-elsewhere");
        Files.createSymbolicLink(AtomicFiles.temporaryFor(target), elsewhere);

        AtomicFiles.write(target, bytes("new"), SafeFiles.PRIVATE);

        assertThat(Files.exists(elsewhere, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aSymlinkOrHardLinkAtTheTargetIsReplacedNotWrittenThrough() throws IOException {
        Path outside = outside();
        Path viaSymlink = Files.createSymbolicLink(dir.resolve("status.json"), outside);
        Path viaHardLink = Files.createLink(dir.resolve("inventory.json"), outside);

        AtomicFiles.write(viaSymlink, bytes("status"), SafeFiles.PUBLIC);
        AtomicFiles.write(viaHardLink, bytes("inventory"), SafeFiles.PRIVATE);

        assertThat(Files.readString(outside)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(viaSymlink)).isFalse();
        assertThat(Files.readString(viaSymlink)).isEqualTo("status");
        assertThat(Files.readString(viaHardLink)).isEqualTo("inventory");
        assertThat(Files.getAttribute(outside, "unix:nlink")).isEqualTo(1);
    }

    @Test
    void replacingWithoutFsyncIsJustAsSafeAgainstLinksAndLeavesNoTemporaryFile() throws IOException {
        Path outside = outside();
        Path viaSymlink = Files.createSymbolicLink(dir.resolve("status.json"), outside);

        AtomicFiles.replace(viaSymlink, bytes("status"), SafeFiles.PUBLIC);

        assertThat(Files.readString(outside)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(viaSymlink)).isFalse();
        assertThat(AtomicFiles.read(viaSymlink, 100))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("status")));
        assertThat(names(dir)).containsExactly("outside", "status.json");
    }

    @Test
    void theFileGetsExactlyTheModeAskedWhateverTheFileBeforeHad() throws IOException {
        Path inventory = Files.writeString(dir.resolve("inventory.json"), "old");
        Files.setPosixFilePermissions(inventory, PosixFilePermissions.fromString("rw-rw-rw-"));

        AtomicFiles.write(inventory, bytes("new"), SafeFiles.PRIVATE);
        AtomicFiles.write(dir.resolve("berth.prom"), bytes("metrics"), SafeFiles.PUBLIC);

        assertThat(mode(inventory)).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("berth.prom"))).isEqualTo("rw-r--r--");
    }

    @Test
    void aMissingDirectoryIsCreatedReadableByAllAndAnExistingOneKeepsItsMode() throws IOException {
        Path state = dir.resolve("var/lib/berth");
        Path other = Files.createDirectory(dir.resolve("private"));
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwx------"));

        AtomicFiles.write(state.resolve("status.json"), bytes("{}"), SafeFiles.PUBLIC);
        AtomicFiles.write(other.resolve("status.json"), bytes("{}"), SafeFiles.PUBLIC);

        assertThat(mode(state)).isEqualTo("rwxr-xr-x");
        assertThat(mode(other)).isEqualTo("rwx------");
    }

    @Test
    void aSymlinkWhereTheDirectoryShouldBeIsRefusedAndNothingWrittenInItsTarget() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path state = Files.createSymbolicLink(dir.resolve("state"), elsewhere);

        assertThatThrownBy(() -> AtomicFiles.write(state.resolve("status.json"), bytes("{}"), SafeFiles.PUBLIC))
                .hasMessageContaining("symbolic link");
        assertThat(names(elsewhere)).isEmpty();
    }

    @Test
    void aLeftoverSymlinkIsRemovedWithoutTouchingItsTargetAndADirectoryIsLeftAlone() throws IOException {
        Path outside = outside();
        Path state = Files.createDirectory(dir.resolve("state"));
        Files.writeString(state.resolve("inventory.json"), "kept");
        Files.createSymbolicLink(state.resolve(".#inventory.json.tmp"), outside);
        Files.writeString(
                state.resolve(".#status.json.99999999-1.tmp"), "{ half written, kill -9"); // above any pid_max
        Files.createDirectory(state.resolve(".#odd.tmp"));

        AtomicFiles.removeLeftovers(state);

        assertThat(Files.readString(outside)).isEqualTo("precious");
        assertThat(names(state)).containsExactly(".#odd.tmp", "inventory.json");
        assertThat(Files.readString(state.resolve("inventory.json"))).isEqualTo("kept");
    }

    @Test
    void theTemporaryFileOfAWriterStillRunningIsLeftToBeRenamedIntoPlace() throws Exception {
        Path state = Files.createDirectory(dir.resolve("state"));
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        String running = ".#suspension.json." + ProcessHandle.current().pid() + "-1.tmp";
        String killed = ".#suspension.json." + finished.pid() + "-1.tmp";
        Files.writeString(state.resolve(running), "{ being written by berth suspend");
        Files.writeString(state.resolve(killed), "{ left by a killed berth suspend");

        AtomicFiles.removeLeftovers(state);

        assertThat(names(state)).containsExactly(running);
    }

    @Test
    void readingNeverFollowsALinkAndSaysWhatIsThere() throws IOException {
        Path outside = outside();
        Path symlink = Files.createSymbolicLink(dir.resolve("status.json"), outside);
        Path hardLink = Files.createLink(dir.resolve("inventory.json"), outside);

        assertThat(AtomicFiles.read(dir.resolve("missing.json"), 100)).isEmpty();
        Path plain = Files.writeString(dir.resolve("plain.json"), "plain");
        assertThat(AtomicFiles.read(plain, 100))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("plain")));
        assertThatThrownBy(() -> AtomicFiles.read(symlink, 100))
                .hasMessage("it is not a regular file but a symbolic link to " + outside
                        + "; Berth never reads or writes its state through a link");
        assertThatThrownBy(() -> AtomicFiles.read(hardLink, 100)).hasMessageContaining("a file with 2 hard links");
        assertThatThrownBy(() -> AtomicFiles.read(dir, 100)).hasMessageContaining("but a directory");
    }

    @Test
    void twoThreadsReplacingTheSameFileLeaveOneWholeVersionAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("status.json");
        byte[] a = filled('a');
        byte[] b = filled('b');
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> writers = new ArrayList<>();
            for (byte[] content : List.of(a, b)) {
                Callable<Void> writer = () -> {
                    for (int i = 0; i < 50; i++) {
                        AtomicFiles.write(target, content, SafeFiles.PUBLIC);
                        byte[] read = AtomicFiles.read(target, 1 << 20).orElseThrow();
                        assertThat(Arrays.equals(read, a) || Arrays.equals(read, b))
                                .as("a whole version")
                                .isTrue();
                    }
                    return null;
                };
                writers.add(threads.submit(writer));
            }
            for (Future<Void> writer : writers) {
                writer.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(names(dir)).containsExactly("status.json");
    }

    private static byte[] filled(char c) {
        byte[] content = new byte[256 * 1024];
        Arrays.fill(content, (byte) c);
        return content;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

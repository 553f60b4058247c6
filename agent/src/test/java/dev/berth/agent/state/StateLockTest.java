package dev.berth.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.testkit.Command;
import dev.berth.testkit.CommandResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLockTest {
    @TempDir
    Path state;

    private final String me = "berth agent (pid " + ProcessHandle.current().pid() + ")";

    @Test
    void aSecondProcessIsRefusedWhileTheFirstHoldsTheLockAndAdmittedAfter() {
        try (StateLock held = StateLock.acquire(state, "berth agent")) {
            CommandResult second = other();

            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.stderr())
                    .contains("another Berth is already changing this host: " + me + " holds " + state.resolve("lock"));
        }
        assertThat(other().exitCode()).isZero();
    }

    @Test
    void aSymlinkAtTheLockIsReplacedAndItsTargetNeverWritten() throws IOException {
        Path outside = Files.writeString(state.resolve("outside"), "precious");
        Files.createSymbolicLink(state.resolve("lock"), outside);

        try (StateLock held = StateLock.acquire(state, "berth agent")) {
            assertThat(other().exitCode()).as("the new file is the one locked").isEqualTo(1);
        }
        // Read only now: closing any descriptor of the file would have dropped this process's lock.
        assertThat(Files.readString(outside)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(state.resolve("lock"))).isFalse();
        assertThat(Files.readString(state.resolve("lock"))).isEqualTo(me + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("lock"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aDanglingSymlinkAtTheLockDoesNotCreateItsTarget() throws IOException {
        Path elsewhere = state.resolve("created-elsewhere");
        Files.createSymbolicLink(state.resolve("lock"), elsewhere);

        StateLock.acquire(state, "berth agent").close();

        assertThat(Files.exists(elsewhere, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aHardLinkAtTheLockIsReplacedAndTheOtherFileNeverWritten() throws IOException {
        Path outside = Files.writeString(state.resolve("outside"), "precious");
        Files.createLink(state.resolve("lock"), outside);

        StateLock.acquire(state, "berth agent").close();

        assertThat(Files.readString(outside)).isEqualTo("precious");
        assertThat(Files.getAttribute(outside, "unix:nlink")).isEqualTo(1);
    }

    @Test
    void aMissingStateDirectoryIsCreatedReadableByAll() throws IOException {
        Path missing = state.resolve("var/lib/berth");

        StateLock.acquire(missing, "berth agent").close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(missing)))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void aSecondThreadIsRefusedAndTheFirstKeepsTheLock() throws Exception {
        try (StateLock held = StateLock.acquire(state, "berth agent")) {
            CompletableFuture<StateLock> second =
                    CompletableFuture.supplyAsync(() -> StateLock.acquire(state, "berth apply"));

            assertThatThrownBy(second::join)
                    .hasCauseInstanceOf(BerthException.class)
                    .hasMessageContaining("another Berth is already changing this host: " + me);
            assertThat(other().exitCode())
                    .as("refusing the thread must not drop this process's lock")
                    .isEqualTo(1);
        }
    }

    @Test
    void theHolderIsToldWithoutTakingTheLock() throws Exception {
        assertThat(StateLock.holder(state)).isEmpty();
        try (StateLock held = StateLock.acquire(state, "berth agent")) {
            assertThat(StateLock.holder(state)).hasValue(me);
            assertThat(other().exitCode()).as("asking must not drop the lock").isEqualTo(1);
        }
        assertThat(StateLock.holder(state)).isEmpty();

        Process holder = holdInAnotherProcess();
        try {
            assertThat(StateLock.holder(state)).hasValue("berth apply (pid " + holder.pid() + ")");
            assertThatThrownBy(() -> StateLock.acquire(state, "berth agent"))
                    .isInstanceOfSatisfying(
                            BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.StateUnavailable))
                    .hasMessageContaining("berth apply (pid " + holder.pid() + ") holds " + state.resolve("lock"));
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void aHolderKilledWithSignalNineLeavesAFileButNoLock() throws Exception {
        Process holder = holdInAnotherProcess();
        holder.destroyForcibly();
        assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.readString(state.resolve("lock"))).contains("pid " + holder.pid());
        assertThat(StateLock.holder(state)).isEmpty();
        StateLock.acquire(state, "berth agent").close();
        assertThat(Files.readString(state.resolve("lock"))).isEqualTo(me + "\n");
    }

    /** Another JVM trying to take the lock: record locks only exclude other processes, as two agents would be. */
    private CommandResult other() {
        return Command.of(java(), "-cp", classPath(), LockMain.class.getName(), state.toString())
                .withTimeout(Duration.ofSeconds(60))
                .run();
    }

    /** Another JVM that takes the lock and keeps it until killed; returns once it holds it. */
    private Process holdInAnotherProcess() throws IOException {
        Process process = new ProcessBuilder(
                        java(), "-cp", classPath(), LockMain.class.getName(), state.toString(), "hold")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).isEqualTo("locked");
        return process;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        return System.getProperty("java.class.path");
    }

    /** Takes the lock in a second process and says how it went; with "hold", keeps it until stdin closes. */
    public static final class LockMain {
        public static void main(String[] args) throws IOException {
            try (StateLock lock = StateLock.acquire(Path.of(args[0]), "berth apply")) {
                if (args.length > 1) {
                    System.out.println("locked");
                    System.out.flush();
                    System.in.read();
                }
                System.exit(0);
            } catch (BerthException e) {
                System.err.println(e.getMessage());
                System.exit(1);
            }
        }
    }
}

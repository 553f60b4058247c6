package dev.berth.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.BerthException;
import dev.berth.model.state.Suspension;
import dev.berth.reconciler.fake.SuspensionsContract;
import dev.berth.reconciler.port.Suspensions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSuspensionsTest extends SuspensionsContract {
    @TempDir
    Path stateDir;

    @TempDir
    Path elsewhere;

    private static final Suspension.Declared ALICE =
            new Suspension.Declared("alice", "kernel migration", T0, Optional.of(T2));

    @Override
    protected Suspensions suspensions() {
        return files();
    }

    @Override
    protected void suspend(Suspension suspension) {
        files().write((Suspension.Declared) suspension);
    }

    @Override
    protected void resume() {
        files().remove();
    }

    private FileSuspensions files() {
        return new FileSuspensions(stateDir);
    }

    private Path file() {
        return stateDir.resolve("suspension.json");
    }

    /** What an agent reading {@code file()} now sees: held, with why. */
    private String heldBecause() {
        Suspension found = files().current(T0).orElseThrow();
        assertThat(found).isInstanceOf(Suspension.Unreadable.class);
        assertThat(found.until()).isEmpty();
        assertThat(found.reason()).endsWith("berth resume removes it");
        return found.reason();
    }

    @Test
    void theFileIsReadableByEveryoneAndSaysWhoWhySinceAndUntil() throws IOException {
        files().write(ALICE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file(), LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rw-r--r--");
        assertThat(Files.readString(file()))
                .contains("\"schemaVersion\" : 1")
                .contains("\"by\" : \"alice\"")
                .contains("\"reason\" : \"kernel migration\"")
                .contains("\"since\" : \"2026-12-05T08:00:00Z\"")
                .contains("\"until\" : \"2026-12-05T10:00:00Z\"");
        assertThat(names()).containsExactly("suspension.json");
    }

    @Test
    void anEndedSuspensionHoldsNothingButStaysUntilResumed() {
        files().write(ALICE);

        assertThat(files().current(T2)).isEmpty();
        assertThat(files().read()).contains(ALICE);
        assertThat(files().remove()).contains(ALICE);
        assertThat(file()).doesNotExist();
    }

    @Test
    void resumingAHostNotSuspendedChangesNothing() {
        assertThat(files().remove()).isEmpty();
    }

    @Test
    void aSymbolicLinkHoldsEvenToAValidSuspensionAndIsNeverFollowed() throws IOException {
        Path real = new FileSuspensions(elsewhere).file();
        new FileSuspensions(elsewhere).write(new Suspension.Declared("mallory", "", T0, Optional.of(T2)));
        Files.createSymbolicLink(file(), real);

        assertThat(heldBecause()).contains("it is a symbolic link");

        files().remove();
        assertThat(file()).doesNotExist();
        assertThat(real).exists();
        assertThat(files().current(T0)).isEmpty();
    }

    @Test
    void aDirectoryHoldsAndResumeRemovesItOnlyWhenEmpty() throws IOException {
        Files.createDirectory(file());
        Files.writeString(file().resolve("note"), "someone's");

        assertThat(heldBecause()).contains("it is a directory");
        assertThatThrownBy(() -> files().remove())
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("is a directory with files in it")
                .hasMessageContaining("rm -r " + file());

        assertThatThrownBy(() -> files().write(ALICE))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("a directory is in the way; berth resume removes it when it is empty");

        Files.delete(file().resolve("note"));
        files().remove();
        assertThat(file()).doesNotExist();
        files().write(ALICE);
        assertThat(files().current(T0)).contains(ALICE);
    }

    @Test
    void garbageHolds() throws IOException {
        Files.writeString(file(), "{ half a suspension");

        assertThat(heldBecause()).contains("it is not a suspension Berth wrote");
    }

    @Test
    void aSuspensionWithoutAPersonHolds() throws IOException {
        Files.writeString(file(), "{\"schemaVersion\": 1, \"reason\": \"\", \"since\": \"2026-12-05T08:00:00Z\"}");

        assertThat(heldBecause()).contains("it is not a suspension Berth wrote");
    }

    @Test
    void aSuspensionThatEndsBeforeItStartsHolds() throws IOException {
        Files.writeString(
                file(),
                "{\"schemaVersion\": 1, \"by\": \"alice\", \"reason\": \"\", \"since\": \"2026-12-05T08:00:00Z\","
                        + " \"until\": \"2026-12-04T08:00:00Z\"}");

        assertThat(heldBecause()).contains("a suspension ends after it starts");
    }

    @Test
    void aFileFromANewerBerthHolds() throws IOException {
        Files.writeString(file(), "{\"schemaVersion\": 2, \"by\": \"alice\", \"scope\": \"web\"}");

        assertThat(heldBecause()).contains("written by a newer Berth (schema 2)");
    }

    @Test
    void aFileSomeoneButRootOwnsHolds() throws IOException {
        files().write(ALICE);
        Files.setAttribute(file(), "unix:uid", 65534);

        assertThat(heldBecause()).contains("it is owned by uid 65534, not by root");
    }

    @Test
    void aFileOthersCouldWriteHolds() throws IOException {
        files().write(ALICE);
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThat(heldBecause()).contains("writable by group or others (rw-rw-rw-)");
    }

    @Test
    void aHardLinkHolds() throws IOException {
        Path outside = Files.writeString(elsewhere.resolve("x"), "{}");
        Files.createLink(file(), outside);

        assertThat(heldBecause()).contains("2 hard links");
    }

    @Test
    void aHugeFileHolds() throws IOException {
        Files.write(file(), new byte[128 << 10]);

        assertThat(heldBecause()).contains("more than the");
    }

    @Test
    void suspendAndResumeRacingEachOtherNeverLeaveATornFile() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> running = new ArrayList<>();
            running.add(threads.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    files().write(new Suspension.Declared("alice", "x".repeat(i * 50), T0, Optional.empty()));
                }
            }));
            running.add(threads.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    files().remove();
                }
            }));
            List<Suspension> seen = new ArrayList<>();
            running.add(threads.submit(() -> {
                for (int i = 0; i < 600; i++) {
                    files().read().ifPresent(seen::add);
                }
            }));
            for (Future<?> each : running) {
                each.get();
            }
            assertThat(seen).allSatisfy(s -> assertThat(s).isInstanceOf(Suspension.Declared.class));
            assertThat(names()).allSatisfy(n -> assertThat(n).isEqualTo("suspension.json"));
        } finally {
            threads.shutdownNow();
        }
    }

    private List<String> names() throws IOException {
        try (var files = Files.list(stateDir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

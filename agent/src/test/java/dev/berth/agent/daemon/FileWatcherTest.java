package dev.berth.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.loop.QueueWakeup;
import dev.berth.reconciler.loop.Wakeup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatcherTest {
    @TempDir
    Path dir;

    @Test
    void aChangedManifestFileWakesTheLoop() throws Exception {
        Path manifest = Files.writeString(dir.resolve("manifest.yaml"), "images: []\n");
        QueueWakeup wakeup = new QueueWakeup();
        try (FileWatcher watcher = FileWatcher.manifest(manifest, wakeup)) {
            assertThat(wakeup.await(Duration.ofMillis(300))).isEqualTo(Wakeup.Cause.TIMER);

            Files.writeString(manifest, "images: [] # changed\n");

            assertThat(wakeup.await(Duration.ofSeconds(20))).isEqualTo(Wakeup.Cause.CHANGE);
        }
    }

    @Test
    void aNewFileInAManifestDirectoryWakesTheLoop() throws Exception {
        QueueWakeup wakeup = new QueueWakeup();
        try (FileWatcher watcher = FileWatcher.manifest(dir, wakeup)) {
            Files.writeString(dir.resolve("web.yaml"), "images: []\n");

            assertThat(wakeup.await(Duration.ofSeconds(20))).isEqualTo(Wakeup.Cause.CHANGE);
        }
    }

    @Test
    void theSuspensionRenamedIntoPlaceOrRemovedWakesTheLoopAndTheStatusBesideItDoesNot() throws Exception {
        Path suspension = dir.resolve("suspension.json");
        QueueWakeup wakeup = new QueueWakeup();
        try (FileWatcher watcher = FileWatcher.file(suspension, wakeup, Wakeup.Cause.SUSPENSION)) {
            Files.writeString(dir.resolve("status.json"), "{}");
            Files.writeString(dir.resolve(".#status.json.1-1.tmp"), "{}");
            assertThat(wakeup.await(Duration.ofSeconds(1))).isEqualTo(Wakeup.Cause.TIMER);

            Path temporary = Files.writeString(dir.resolve(".#suspension.json.1-1.tmp"), "{}");
            Files.move(temporary, suspension, StandardCopyOption.ATOMIC_MOVE);
            assertThat(wakeup.await(Duration.ofSeconds(20))).isEqualTo(Wakeup.Cause.SUSPENSION);

            Files.delete(suspension);
            assertThat(wakeup.await(Duration.ofSeconds(20))).isEqualTo(Wakeup.Cause.SUSPENSION);
        }
    }
}

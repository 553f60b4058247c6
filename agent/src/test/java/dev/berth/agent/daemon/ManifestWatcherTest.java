package dev.berth.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.loop.QueueWakeup;
import dev.berth.reconciler.loop.Wakeup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestWatcherTest {
    @TempDir
    Path dir;

    @Test
    void aChangedManifestFileWakesTheLoop() throws Exception {
        Path manifest = Files.writeString(dir.resolve("manifest.yaml"), "images: []\n");
        QueueWakeup wakeup = new QueueWakeup();
        try (ManifestWatcher watcher = ManifestWatcher.start(manifest, wakeup)) {
            assertThat(wakeup.await(Duration.ofMillis(300))).isEqualTo(Wakeup.Cause.TIMER);

            Files.writeString(manifest, "images: [] # changed\n");

            assertThat(wakeup.await(Duration.ofSeconds(20))).isEqualTo(Wakeup.Cause.CHANGE);
        }
    }

    @Test
    void aNewFileInAManifestDirectoryWakesTheLoop() throws Exception {
        QueueWakeup wakeup = new QueueWakeup();
        try (ManifestWatcher watcher = ManifestWatcher.start(dir, wakeup)) {
            Files.writeString(dir.resolve("web.yaml"), "images: []\n");

            assertThat(wakeup.await(Duration.ofSeconds(20))).isEqualTo(Wakeup.Cause.CHANGE);
        }
    }
}

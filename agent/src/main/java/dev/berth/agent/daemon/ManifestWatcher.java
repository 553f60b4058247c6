package dev.berth.agent.daemon;

import dev.berth.reconciler.loop.Wakeup;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the loop soon after a manifest file (or a file in a manifest directory) changes. Only a wake-up: the pass
 * reads the whole desired state anyway, so a missed or doubled event costs nothing.
 */
public final class ManifestWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestWatcher.class);
    private static final long SETTLE_MILLIS = 300;

    private final WatchService watch;
    private final Thread thread;

    private ManifestWatcher(WatchService watch, Path dir, Wakeup wakeup) {
        this.watch = watch;
        this.thread = new Thread(() -> loop(dir, wakeup), "berth-manifest-watcher");
        this.thread.setDaemon(true);
    }

    /** Watches the directory of {@code manifest} (or the directory itself). */
    public static ManifestWatcher start(Path manifest, Wakeup wakeup) throws IOException {
        Path dir = Files.isDirectory(manifest)
                ? manifest
                : Objects.requireNonNull(manifest.toAbsolutePath().getParent(), "a file has a directory");
        WatchService watch = FileSystems.getDefault().newWatchService();
        dir.register(
                watch,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        ManifestWatcher watcher = new ManifestWatcher(watch, dir, wakeup);
        watcher.thread.start();
        return watcher;
    }

    private void loop(Path dir, Wakeup wakeup) {
        try {
            while (true) {
                WatchKey key = watch.take();
                // Editors write in several steps: let them finish, then wake once.
                WatchKey more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
                key.pollEvents();
                key.reset();
                if (more != null) {
                    more.pollEvents();
                    more.reset();
                }
                LOG.debug("{} changed; waking the loop", dir);
                wakeup.wake(Wakeup.Cause.CHANGE);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException ignored) {
            // nothing left to watch
        }
        thread.interrupt();
    }
}

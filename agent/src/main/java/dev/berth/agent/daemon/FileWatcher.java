package dev.berth.agent.daemon;

import dev.berth.reconciler.loop.Wakeup;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the loop soon after a file it reads changes: the manifest (or a file in a manifest directory), or the
 * suspension {@code berth suspend} and {@code berth resume} write. Only a wake-up: the pass reads the whole desired
 * state anyway, so a missed or doubled event costs nothing.
 */
public final class FileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileWatcher.class);
    private static final long SETTLE_MILLIS = 300;

    private final WatchService watch;
    private final Thread thread;

    private FileWatcher(WatchService watch, Path dir, Optional<Path> only, Wakeup wakeup, Wakeup.Cause cause) {
        this.watch = watch;
        this.thread = new Thread(() -> loop(dir, only, wakeup, cause), "berth-file-watcher");
        this.thread.setDaemon(true);
    }

    /** Watches the directory of {@code manifest} (or the directory itself), every file in it. */
    public static FileWatcher manifest(Path manifest, Wakeup wakeup) throws IOException {
        Path dir = Files.isDirectory(manifest) ? manifest : directoryOf(manifest);
        return start(dir, Optional.empty(), wakeup, Wakeup.Cause.CHANGE);
    }

    /**
     * Watches the one file {@code file} only: created, replaced or removed. Other files in its directory (the state
     * directory, whose status is rewritten after every pass) do not wake the loop, or every pass would wake the next.
     */
    public static FileWatcher file(Path file, Wakeup wakeup, Wakeup.Cause cause) throws IOException {
        return start(directoryOf(file), Optional.of(file.getFileName()), wakeup, cause);
    }

    private static FileWatcher start(Path dir, Optional<Path> only, Wakeup wakeup, Wakeup.Cause cause)
            throws IOException {
        WatchService watch = FileSystems.getDefault().newWatchService();
        try {
            dir.register(
                    watch,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            watch.close();
            throw e;
        }
        FileWatcher watcher = new FileWatcher(watch, dir, only, wakeup, cause);
        watcher.thread.start();
        return watcher;
    }

    private static Path directoryOf(Path file) {
        return Objects.requireNonNull(file.toAbsolutePath().getParent(), "a file has a directory");
    }

    private void loop(Path dir, Optional<Path> only, Wakeup wakeup, Wakeup.Cause cause) {
        try {
            while (true) {
                WatchKey key = watch.take();
                // Editors write in several steps: let them finish, then wake once.
                WatchKey more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
                boolean relevant = relevant(key, only);
                if (more != null) {
                    relevant |= relevant(more, only);
                }
                if (relevant) {
                    LOG.debug(
                            "{} changed; waking the loop",
                            only.map(dir::resolve).orElse(dir));
                    wakeup.wake(cause);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    /** Takes the key's events and re-arms it; true when one is about the watched file (or events were lost). */
    private static boolean relevant(WatchKey key, Optional<Path> only) {
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            relevant |= only.isEmpty()
                    || event.kind() == StandardWatchEventKinds.OVERFLOW
                    || only.get().equals(event.context());
        }
        key.reset();
        return relevant;
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

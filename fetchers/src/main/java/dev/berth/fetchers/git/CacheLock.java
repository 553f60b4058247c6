package dev.berth.fetchers.git;

import dev.berth.fetchers.fs.SafeFiles;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One reader at a time for the cached clone of a URL, across processes (the agent, a plan a person runs) and
 * across sources in one process. The kernel's lock on the lock file serves other processes and goes with a process
 * that dies; it is held per process, not per thread (a second lock in the same process throws
 * OverlappingFileLockException), so sources in one process first queue on a lock of their own. A reader waits,
 * bounded, rather than failing at once, and the lock file names the process that holds it.
 */
final class CacheLock {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int HOLDER_BYTES = 200;

    private final Path file;
    private final Duration wait;
    private final Clock clock;

    /** A lock held until closed. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    CacheLock(Path file, Duration wait, Clock clock) {
        this.file = file.toAbsolutePath().normalize();
        this.wait = wait;
        this.clock = clock;
    }

    Path file() {
        return file;
    }

    /** Waits up to the bound for the lock; a wait that runs out is SourceUnavailable, naming the holder. */
    Held acquire() {
        long deadline = System.nanoTime() + wait.toNanos();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        try {
            if (!local.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy("another read of the same repository in this process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
        try {
            FileChannel channel = SafeFiles.openShared(file, SafeFiles.PRIVATE);
            try {
                FileLock lock = waitFor(channel, deadline);
                write(
                        channel,
                        "pid " + ProcessHandle.current().pid() + " since "
                                + clock.instant().truncatedTo(ChronoUnit.SECONDS) + "\n");
                return () -> release(channel, lock, local);
            } catch (RuntimeException | IOException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            local.unlock();
            throw new BerthException(
                    Reason.StateUnavailable,
                    "cannot lock the git cache with " + file + ": " + e.getMessage()
                            + "; check that the state directory is writable");
        } catch (RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    private FileLock waitFor(FileChannel channel, long deadline) throws IOException {
        while (true) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null; // a source outside this class's queue holds it: wait as for another process
            }
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw busy(holder().orElse("another process"));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted();
            }
        }
    }

    private BerthException busy(String holder) {
        String waited = wait.toMillis() < 1000 ? wait.toMillis() + " ms" : wait.toSeconds() + " s";
        return new BerthException(
                Reason.SourceUnavailable,
                "the git cache is busy: " + file + " is held by " + holder + ", reading the same repository;"
                        + " waited " + waited + " for it. Try again when that read is done, or stop it if it hangs");
    }

    private BerthException interrupted() {
        return new BerthException(Reason.SourceUnavailable, "interrupted while waiting for the lock " + file);
    }

    private Optional<String> holder() {
        try {
            return SafeFiles.readPlain(file, HOLDER_BYTES)
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip())
                    .filter(text -> text.matches("pid [0-9]+ since [0-9TZ:.-]+"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void write(FileChannel channel, String text) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    }

    private static void release(FileChannel channel, FileLock lock, ReentrantLock local) {
        try (channel) {
            channel.truncate(0); // a holder named after it left would mislead
            lock.release();
        } catch (IOException e) {
            // closing the channel releases the lock anyway
        } finally {
            local.unlock();
        }
    }
}

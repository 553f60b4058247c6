package dev.berth.agent.state;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Berth at a time per state directory: an agent or an apply holds an exclusive lock on {@code STATE/lock}
 * for as long as it may change the host. The kernel drops the lock when the process dies, even by kill -9.
 */
public final class StateLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once, saying which process holds it. */
    public static StateLock acquire(Path stateDir, String what) {
        Path file = stateDir.resolve("lock");
        try {
            Files.createDirectories(stateDir);
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new BerthException(
                        Reason.StateUnavailable,
                        "another Berth is already managing this host: "
                                + (holder.isEmpty() ? "a process" : holder) + " holds " + file
                                + "; stop it first (systemctl"
                                + " stop berth-agent) — two agents on one host would undo each other's work");
            }
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap(
                            (what + " (pid " + ProcessHandle.current().pid() + ")\n").getBytes(StandardCharsets.UTF_8)),
                    0);
            channel.force(true);
            return new StateLock(channel, lock);
        } catch (IOException e) {
            throw new BerthException(
                    Reason.StateUnavailable,
                    "cannot lock " + file + ": " + e.getMessage() + "; check that the state directory is writable");
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The lock goes with the process anyway.
        }
    }
}

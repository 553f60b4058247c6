package dev.berth.agent.state;

import dev.berth.fetchers.fs.SafeFiles;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One Berth at a time per state directory: an agent or an apply holds an exclusive lock on {@code STATE/lock}
 * for as long as it may change the host. The kernel drops the lock when the process dies, even by kill -9.
 *
 * <p>The lock file is never opened through a link: a plain file there is reused (two processes must lock the same
 * file), anything else is removed and a new file created exclusively. After locking, the name must still be the
 * file locked; if a racing process replaced it, the lock is taken again on what is there now.
 *
 * <p>Within one process the kernel's record locks do not exclude anything, and closing any descriptor of the file
 * drops the process's lock: so this process remembers what it holds, and neither a second acquire nor {@link
 * #holder} opens a file it holds.
 */
public final class StateLock implements AutoCloseable {
    public static final String FILE_NAME = "lock";
    private static final int ATTEMPTS = 5;
    private static final int MAX_DESCRIPTION = 4096;

    /** The lock files this process holds, by file key, with their description. Guarded by StateLock.class. */
    private static final Map<Object, String> HELD_HERE = new HashMap<>();

    private final FileChannel channel;
    private final FileLock lock;
    private final Object key;

    private StateLock(FileChannel channel, FileLock lock, Object key) {
        this.channel = channel;
        this.lock = lock;
        this.key = key;
    }

    /**
     * Takes the lock or fails at once with {@link Reason#StateUnavailable}, saying which process holds it.
     *
     * @param what who takes it, such as "berth agent"; written into the file with the process id for the next one
     */
    public static synchronized StateLock acquire(Path stateDir, String what) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            AtomicFiles.directory(stateDir);
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Optional<StateLock> taken = tryAcquire(file, what);
                if (taken.isPresent()) {
                    return taken.get();
                }
            }
            throw new IOException("it keeps being replaced while Berth locks it; something else is writing there");
        } catch (AccessDeniedException e) {
            throw new BerthException(
                    Reason.StateUnavailable,
                    "cannot lock " + file + ": permission denied on " + e.getFile() + "; run berth as root");
        } catch (IOException e) {
            throw new BerthException(
                    Reason.StateUnavailable,
                    "cannot lock " + file + ": " + e.getMessage() + "; check that the state directory is writable");
        }
    }

    /**
     * Who holds the lock of {@code stateDir} now, as "berth agent (pid 1234)"; empty when nobody does. Asking
     * never takes the lock, not even for a moment, so it cannot make an agent starting at the same time fail.
     */
    public static synchronized Optional<String> holder(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            Optional<Object> key = SafeFiles.plainFileKey(file);
            if (key.isEmpty()) {
                return Optional.empty();
            }
            if (HELD_HERE.containsKey(key.get())) {
                return Optional.of(HELD_HERE.get(key.get()));
            }
            Optional<Long> pid = LockTable.writeLockHolder(file);
            if (pid.isEmpty()) {
                return Optional.empty();
            }
            String description = AtomicFiles.read(file, MAX_DESCRIPTION)
                    .map(b -> shown(b, b.length))
                    .orElse("");
            return Optional.of(
                    !description.isEmpty()
                            ? description
                            : pid.get() > 0 ? "a process (pid " + pid.get() + ")" : "a process");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One attempt: empty when the name was replaced under it and the caller should try again. */
    private static Optional<StateLock> tryAcquire(Path file, String what) throws IOException {
        Optional<Object> before = SafeFiles.plainFileKey(file);
        if (before.isPresent() && HELD_HERE.containsKey(before.get())) {
            throw heldBy(file, HELD_HERE.get(before.get()));
        }
        Optional<FileChannel> opened = open(file);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        FileChannel channel = opened.get();
        try {
            Optional<Object> key = SafeFiles.plainFileKey(file);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw heldBy(file, description(channel));
            }
            if (key.isEmpty() || !SafeFiles.plainFileKey(file).equals(key)) {
                lock.release();
                channel.close();
                return Optional.empty();
            }
            String description = what + " (pid " + ProcessHandle.current().pid() + ")";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((description + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            HELD_HERE.put(key.get(), description);
            return Optional.of(new StateLock(channel, lock, key.get()));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** What the holder wrote into the file, read through the channel already open (never by name again). */
    private static String description(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DESCRIPTION);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // fill
        }
        return shown(buffer.array(), buffer.position());
    }

    /** The first line the holder wrote, without control characters: it goes into messages and logs. */
    private static String shown(byte[] bytes, int length) {
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        return text.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?").strip();
    }

    /**
     * The plain file at the name, opened without following a link; anything else there is removed first. A plain
     * file is never removed: another process may have just created and locked it.
     */
    private static Optional<FileChannel> open(Path file) throws IOException {
        Optional<FileChannel> existing = SafeFiles.openExisting(file);
        if (existing.isPresent()) {
            return existing;
        }
        if (SafeFiles.isPlainFile(file)) {
            // Declined all the same: it changed since, or this process may not open it. Open it to learn which.
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
                    .close();
            return Optional.empty();
        }
        SafeFiles.remove(file);
        try {
            return Optional.of(SafeFiles.createExclusive(file, SafeFiles.PRIVATE, StandardOpenOption.READ));
        } catch (FileAlreadyExistsException raced) {
            return Optional.empty();
        }
    }

    private static BerthException heldBy(Path file, String holder) {
        return new BerthException(
                Reason.StateUnavailable,
                "another Berth is already changing this host: " + (holder.isEmpty() ? "a process" : holder)
                        + " holds " + file + ". Two at once would undo each other's work: wait for it to finish; the"
                        + " agent applies the manifest itself (systemctl kill -s HUP berth-agent asks it for a pass"
                        + " now), or stop it first (systemctl stop berth-agent)");
    }

    @Override
    public void close() {
        synchronized (StateLock.class) {
            HELD_HERE.remove(key);
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The lock goes with the process anyway.
        }
    }
}

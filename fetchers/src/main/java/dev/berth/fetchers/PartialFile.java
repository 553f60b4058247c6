package dev.berth.fetchers;

import dev.berth.fetchers.fs.SafeFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * The hidden ".#NAME.partial" file of a download, opened so that nothing already in the pool can redirect a
 * write: an existing partial is reused only when it is a plain file of Berth's (regular, one link, mode 0600,
 * opened without following a link); a link, a hard link or anything else at the name is removed and a new 0600
 * file is created exclusively. A lock keeps two downloads off one file, and the final rename first checks that
 * the name still holds the file that was written.
 */
final class PartialFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final Object fileKey;
    private final boolean reused;

    private PartialFile(Path path, FileChannel channel, FileLock lock, Object fileKey, boolean reused) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.fileKey = fileKey;
        this.reused = reused;
    }

    static Path partialPath(Path target) {
        return target.resolveSibling(".#" + target.getFileName() + ".partial");
    }

    static Path metaPath(Path target) {
        return target.resolveSibling(".#" + target.getFileName() + ".partial.meta");
    }

    /** Opens and locks the partial of {@code target}; empty when another download holds it. */
    static Optional<PartialFile> open(Path target) throws IOException {
        Path dir = Objects.requireNonNull(target.getParent(), "a download target is a file in the pool");
        if (!Files.isDirectory(dir)) {
            SafeFiles.directory(dir, SafeFiles.PRIVATE_DIRECTORY);
        }
        Path path = partialPath(target);
        Optional<FileChannel> existing = reusable(path);
        FileChannel ch = existing.isPresent()
                ? existing.get()
                : SafeFiles.createNew(path, SafeFiles.PRIVATE, StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        Optional<Object> key = SafeFiles.plainFileKey(path);
        if (lock == null || key.isEmpty()) {
            ch.close();
            if (lock == null) {
                return Optional.empty();
            }
            throw new IOException(path + " was replaced while Berth opened it; something else is writing there");
        }
        return Optional.of(new PartialFile(path, ch, lock, key.get(), existing.isPresent()));
    }

    Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    /** True when an earlier run's partial was opened, false when the file is new. */
    boolean reused() {
        return reused;
    }

    /**
     * Syncs the file, closes it and renames it to {@code target} atomically, replacing whatever is there (a link is
     * replaced, never followed), then syncs the directory so the rename survives a crash.
     */
    void moveTo(Path target) throws IOException {
        channel.force(true);
        if (!SafeFiles.plainFileKey(path).equals(Optional.of(fileKey))) {
            throw new IOException(path + " is no longer the file Berth wrote: something replaced or linked it");
        }
        close();
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // nothing was written after the last append; closing cannot lose data
        }
    }

    private static Optional<FileChannel> reusable(Path path) throws IOException {
        Optional<FileChannel> ch = SafeFiles.openExisting(path);
        if (ch.isPresent()
                && !Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)
                        .equals(SafeFiles.PRIVATE)) {
            ch.get().close();
            return Optional.empty();
        }
        return ch;
    }
}

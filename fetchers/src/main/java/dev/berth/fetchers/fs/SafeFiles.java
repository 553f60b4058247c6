package dev.berth.fetchers.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opening files in the directories Berth writes as root (the image pool, the state directory) so that nothing
 * already there can redirect a write: a symbolic link, a hard link to a file elsewhere, a FIFO or a directory at
 * the name is removed and a new file is created with O_CREAT|O_EXCL, which never follows a link. An existing file
 * is reused only when it is a regular file with one link, and it is opened with O_NOFOLLOW.
 */
public final class SafeFiles {
    /** Read and write for root only: images, partial downloads, the inventory, the lock. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    /** Readable by everyone: the status file that monitoring and non-root users read. */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    /** Directories only root may list. */
    public static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** Directories everyone may list (the state directory, so that status.json can be read). */
    public static final Set<PosixFilePermission> PUBLIC_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private static final int ATTEMPTS = 5;

    private SafeFiles() {}

    /**
     * Creates {@code file} afresh for writing: whatever is at that name goes first (a link is removed, never
     * followed), then the file is created exclusively with {@code mode}.
     *
     * @param extra more options, such as READ
     */
    public static FileChannel createNew(Path file, Set<PosixFilePermission> mode, OpenOption... extra)
            throws IOException {
        for (int attempt = 1; ; attempt++) {
            remove(file);
            try {
                return createExclusive(file, mode, extra);
            } catch (FileAlreadyExistsException raced) {
                if (attempt >= ATTEMPTS) {
                    throw new IOException(
                            file + " keeps reappearing while Berth replaces it; something else is" + " writing there");
                }
            }
        }
    }

    /**
     * Creates {@code file} for writing with O_CREAT|O_EXCL and exactly {@code mode}, removing nothing: when anything
     * is at the name (a link included, which is not followed) this fails with {@link FileAlreadyExistsException}.
     * For a file that several processes may create at once, such as a lock, where removing another's fresh file
     * would be wrong.
     *
     * @param extra more options, such as READ
     */
    public static FileChannel createExclusive(Path file, Set<PosixFilePermission> mode, OpenOption... extra)
            throws IOException {
        List<OpenOption> options = new ArrayList<>(Arrays.asList(extra));
        options.add(StandardOpenOption.CREATE_NEW);
        options.add(StandardOpenOption.WRITE);
        FileChannel channel = FileChannel.open(file, Set.copyOf(options), PosixFilePermissions.asFileAttribute(mode));
        try {
            // The umask may have taken bits away, never added any: set exactly what was asked. Without following a
            // link, should the name have been swapped for one since the file was created.
            Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(mode);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /**
     * Opens an existing file for reading and writing when it is a plain file Berth may reuse: a regular file with
     * one link, opened without following a link. Empty when there is nothing at the name, or something that is not
     * such a file (the caller then creates it afresh with {@link #createNew}).
     */
    public static Optional<FileChannel> openExisting(Path file) throws IOException {
        Optional<Object> before = plainFileKey(file);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException link) {
            return Optional.empty(); // replaced by a link since it was looked at: O_NOFOLLOW refused it
        }
        if (!plainFileKey(file).equals(before)) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(channel);
    }

    /** Writes {@code bytes} to a new file created as {@link #createNew} does. */
    public static void writeNew(Path file, Set<PosixFilePermission> mode, byte[] bytes) throws IOException {
        try (FileChannel channel = createNew(file, mode)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /** True when {@code file} is a regular file with exactly one link (not a symlink, not a hard link). */
    public static boolean isPlainFile(Path file) throws IOException {
        return plainFileKey(file).isPresent();
    }

    /** Reads a small file without following a link; empty when it is not a plain file. */
    public static Optional<byte[]> readPlain(Path file, int maxBytes) throws IOException {
        Optional<FileChannel> opened = openForReading(file);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (FileChannel channel = opened.get()) {
            long size = channel.size();
            if (size > maxBytes) {
                throw new IOException(file + " has " + size + " bytes, more than the " + maxBytes + " expected");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // fill
            }
            return Optional.of(Arrays.copyOf(buffer.array(), buffer.position()));
        }
    }

    /**
     * Makes sure {@code dir} is a real directory: parents that are missing are created with {@code mode}; a
     * symbolic link or any other file at the name itself is refused (the caller decides whether to remove it).
     */
    public static void directory(Path dir, Set<PosixFilePermission> mode) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(mode));
            } catch (FileAlreadyExistsException raced) {
                // checked below
            }
        }
        BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isDirectory()) {
            throw new IOException(dir + " is " + (a.isSymbolicLink() ? "a symbolic link" : "not a directory")
                    + "; Berth writes only into a real directory there");
        }
    }

    /** Removes whatever is at {@code path}, without following a link; a directory is refused. */
    public static void remove(Path path) throws IOException {
        Optional<BasicFileAttributes> a = attributes(path);
        if (a.isEmpty()) {
            return;
        }
        if (a.get().isDirectory()) {
            throw new IOException(path + " is a directory where Berth keeps a file; move it away");
        }
        Files.deleteIfExists(path);
    }

    private static Optional<FileChannel> openForReading(Path file) throws IOException {
        Optional<Object> before = plainFileKey(file);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException link) {
            return Optional.empty();
        }
    }

    /**
     * What identifies {@code file} while it is a plain file (regular, one link, not followed): compare it before
     * renaming to know the name still holds the file that was written. Empty for anything else.
     */
    public static Optional<Object> plainFileKey(Path file) throws IOException {
        Map<String, Object> a;
        try {
            // One lstat: the type, the link count and the key describe the same file even while others rename.
            a = Files.readAttributes(file, "unix:isRegularFile,nlink,fileKey", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!Boolean.TRUE.equals(a.get("isRegularFile")) || !Integer.valueOf(1).equals(a.get("nlink"))) {
            return Optional.empty();
        }
        return Optional.ofNullable(a.get("fileKey"));
    }

    private static Optional<BasicFileAttributes> attributes(Path path) throws IOException {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Opens a file that several processes open at once, such as a lock file: a plain file at the name is reused
     * and never replaced (another process may hold it); when nothing is there, it is created exclusively with
     * {@code mode}; a link or any other non-directory there is removed first, never followed.
     */
    public static FileChannel openShared(Path file, Set<PosixFilePermission> mode) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Optional<FileChannel> existing = openExisting(file);
            if (existing.isPresent()) {
                return existing.get();
            }
            if (attributes(file).isPresent() && !isPlainFile(file)) {
                remove(file);
            }
            try {
                FileChannel channel = FileChannel.open(
                        file,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(mode));
                setMode(file, mode);
                return channel;
            } catch (FileAlreadyExistsException raced) {
                if (attempt >= ATTEMPTS) {
                    throw new IOException(
                            file + " keeps changing while Berth opens it; something else is writing" + " there");
                }
            }
        }
    }

    /**
     * Makes {@code dir} a real directory: an existing one is kept as it is; a symbolic link or any other file at
     * the name is removed (never followed) and a directory with exactly {@code mode} created in its place. The
     * parent must exist.
     */
    public static void realDirectory(Path dir, Set<PosixFilePermission> mode) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Optional<BasicFileAttributes> a = attributes(dir);
            if (a.isPresent() && a.get().isDirectory()) {
                return;
            }
            if (a.isPresent()) {
                Files.delete(dir);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(mode));
                setMode(dir, mode);
                return;
            } catch (FileAlreadyExistsException raced) {
                if (attempt >= ATTEMPTS) {
                    throw new IOException(
                            dir + " keeps changing while Berth creates it; something else is writing" + " there");
                }
            }
        }
    }

    // The umask may have taken bits away, never added any: set exactly what was asked, on the file itself.
    private static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setPermissions(mode);
    }
}

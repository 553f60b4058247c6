package dev.berth.agent.state;

import dev.berth.fetchers.fs.SafeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a file so that a crash at any moment leaves either the old or the new content, never a mix, and reads
 * it back. Nothing already at a name is ever written or read through: the state directory may hold links that
 * point elsewhere, and Berth writes there as root.
 */
public final class AtomicFiles {
    private static final int READ_ATTEMPTS = 3;

    /** ".#status.json.1234-56.tmp": the writer's process id, then its thread's. */
    private static final Pattern WRITER = Pattern.compile("\\.(\\d{1,18})-\\d+\\.tmp$");

    private AtomicFiles() {}

    /**
     * Writes a temporary file created afresh next to {@code target} with exactly {@code mode}, fsyncs it, renames
     * it over the target (a link there is replaced, not followed), and fsyncs the directory, which is created if
     * missing as {@link #directory} does.
     *
     * @param mode {@link SafeFiles#PRIVATE} for what only root reads, {@link SafeFiles#PUBLIC} for what monitoring
     *     reads
     */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        write(target, content, mode, true);
    }

    /**
     * {@link #write} without its two fsyncs, for a file whose loss in a crash costs nothing because the next write
     * restores it: a reader still never sees half a file, but after a power loss the file may hold its previous
     * content (or, on a file system that does not flush a file renamed over another, none).
     */
    public static void replace(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        write(target, content, mode, false);
    }

    private static void write(Path target, byte[] content, Set<PosixFilePermission> mode, boolean sync)
            throws IOException {
        Path dir = Objects.requireNonNull(target.toAbsolutePath().getParent(), "a file has a directory");
        directory(dir);
        Path temp = temporaryFor(target);
        try (FileChannel out = SafeFiles.createNew(temp, mode)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            if (sync) {
                out.force(true);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (sync) {
            syncDirectory(dir);
        }
    }

    /**
     * Makes sure {@code dir} is a real directory to write into: created if missing, readable by everyone whatever
     * the umask (status.json in the state directory is read by monitoring and by berth status as any user); an
     * existing directory keeps the mode it has. A symbolic link or a file at the name is refused.
     */
    public static void directory(Path dir) throws IOException {
        boolean missing = !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
        SafeFiles.directory(dir, SafeFiles.PUBLIC_DIRECTORY);
        if (missing) {
            Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(SafeFiles.PUBLIC_DIRECTORY);
        }
    }

    /**
     * Reads a small file Berth wrote with {@link #write}, without following a link. Empty when there is nothing at
     * the name; a link, a file with several names, a directory or a special file there is an error that says which.
     */
    public static Optional<byte[]> read(Path file, int maxBytes) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Optional<byte[]> bytes = SafeFiles.readPlain(file, maxBytes);
            if (bytes.isPresent()) {
                return bytes;
            }
            BasicFileAttributes found;
            try {
                found = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            if (attempt < READ_ATTEMPTS) {
                continue; // a writer or a remover may have changed the name between two looks: look again
            }
            if (SafeFiles.isPlainFile(file)) {
                throw new IOException(whyNotOpened(file));
            }
            throw new IOException("it is not a regular file but " + describe(file, found)
                    + "; Berth never reads or writes its state through a link");
        }
    }

    /**
     * Deletes the temporary files an earlier process left when it was killed between writing one and renaming it
     * into place; the file it was replacing is intact. A link among them is deleted, never followed; a directory is
     * left alone (Berth never makes one with such a name). So is the temporary file of a writer still running:
     * {@code berth suspend} writes into the state directory without the lock, and an agent starting meanwhile must
     * not delete the suspension before it is renamed into place.
     */
    public static void removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".#")
                        && name.endsWith(".tmp")
                        && !writerRuns(name)
                        && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Whether the process {@link #temporaryFor} named in a temporary file's name is still running. */
    static boolean writerRuns(String temporaryName) {
        Matcher writer = WRITER.matcher(temporaryName);
        if (!writer.find()) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(writer.group(1)))
                    .map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The temporary file this thread writes {@code target} through. One per process and thread, so that two
     * writers of the same file never write into each other's temporary file; the last rename wins, whole.
     */
    static Path temporaryFor(Path target) {
        return target.toAbsolutePath()
                .resolveSibling(".#" + target.getFileName() + "."
                        + ProcessHandle.current().pid() + "-"
                        + Thread.currentThread().getId() + ".tmp");
    }

    /** A plain file that could not be opened: say why (permissions, mostly). */
    private static String whyNotOpened(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return "it changed while Berth read it; try again";
        } catch (AccessDeniedException e) {
            return "permission denied";
        } catch (IOException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static String describe(Path file, BasicFileAttributes found) throws IOException {
        if (found.isSymbolicLink()) {
            return "a symbolic link to " + Files.readSymbolicLink(file);
        }
        if (found.isDirectory()) {
            return "a directory";
        }
        if (found.isRegularFile()) {
            return "a file with " + Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS) + " hard links";
        }
        return "a special file";
    }

    /** Makes the rename itself durable. Not every file system lets a directory be synced; that is not fatal. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // The file content is already durable; only the rename may be lost on power failure.
        }
    }
}

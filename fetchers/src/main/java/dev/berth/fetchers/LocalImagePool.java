package dev.berth.fetchers;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.host.PoolFile;
import dev.berth.reconciler.port.ImagePool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The image pool as a local directory (/var/lib/portables by default). Paths outside it are refused, and a link in
 * it is never followed: a symbolic link is not a pool file, and nothing is hashed through one.
 */
public final class LocalImagePool implements ImagePool {
    private static final int BUFFER = 1024 * 1024;
    private final Path directory;

    public LocalImagePool(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public String pathOf(String fileName) {
        if (fileName.isEmpty() || fileName.contains("/") || fileName.equals(".") || fileName.equals("..")) {
            throw new IllegalArgumentException("not a plain file name: " + fileName);
        }
        return directory.resolve(fileName).toString();
    }

    @Override
    public List<PoolFile> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<PoolFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path p : (Iterable<Path>) entries.sorted(Comparator.comparing(Path::toString))::iterator) {
                try {
                    BasicFileAttributes a =
                            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        files.add(new PoolFile(
                                p.toString(), a.size(), a.lastModifiedTime().toInstant()));
                    }
                } catch (NoSuchFileException gone) {
                    // removed while listing (a finished download renamed away): not in the pool any more
                }
            }
        } catch (IOException e) {
            throw new BerthException(
                    Reason.StateUnavailable,
                    "cannot list the image pool " + directory + " (" + e.getMessage()
                            + "); check that the agent can read it",
                    e);
        }
        return List.copyOf(files);
    }

    @Override
    public Sha256 hash(String path) {
        Path p = inside(path);
        try (InputStream in = openRegular(p)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[BUFFER];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                digest.update(buf, 0, n);
            }
            return Sha256.of(digest.digest());
        } catch (IOException e) {
            throw new BerthException(
                    Reason.FetchFailed,
                    "cannot hash " + p + " in the image pool (" + e.getMessage()
                            + "); check that the file exists and is readable",
                    e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void delete(String path) {
        Path p = inside(path);
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new BerthException(
                    Reason.StateUnavailable,
                    "cannot delete " + p + " from the image pool (" + e.getMessage()
                            + "); check the pool's permissions",
                    e);
        }
    }

    /** Opens a regular file without following a link: a FIFO would block, a link could point anywhere. */
    private static InputStream openRegular(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new IOException(
                    (a.isSymbolicLink() ? "a symbolic link" : "not a regular file") + ", which Berth never reads");
        }
        return Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS);
    }

    private Path inside(String path) {
        Path p = directory.resolve(path).toAbsolutePath().normalize();
        if (!directory.equals(p.getParent())) {
            throw new IllegalArgumentException(path + " is not a file in the image pool " + directory);
        }
        return p;
    }
}

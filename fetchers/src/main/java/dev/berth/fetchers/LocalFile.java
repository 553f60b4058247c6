package dev.berth.fetchers;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A file: URL, read the same way for images and SHA256SUMS: only a regular file. Links on the way are followed,
 * because the file is one the host's own manifest names; a directory, FIFO or device is refused, never opened.
 */
public final class LocalFile {
    private final Path path;
    private final long size;

    private LocalFile(Path path, long size) {
        this.path = path;
        this.size = size;
    }

    /**
     * The regular file the URL names; empty when there is nothing at that path.
     *
     * @throws Refused the URL is not a local path, or names something other than a regular file
     * @throws IOException the file cannot be looked at
     */
    public static Optional<LocalFile> of(URI url) throws Refused, IOException {
        Path path;
        try {
            path = Path.of(url);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new Refused("the URL is not a local file path", "write it as file:///absolute/path");
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!a.isRegularFile()) {
            throw new Refused(path + " is not a regular file", "check the url in the manifest");
        }
        return Optional.of(new LocalFile(path, a.size()));
    }

    public Path path() {
        return path;
    }

    /** The size it had when it was looked at; a copy checks that it did not change. */
    public long size() {
        return size;
    }

    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }
}

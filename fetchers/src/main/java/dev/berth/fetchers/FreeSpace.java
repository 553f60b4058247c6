package dev.berth.fetchers;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** How much room the file system of a directory has; the file store by default. */
@FunctionalInterface
public interface FreeSpace {
    /** What can still be written there, and the file system's whole size (for a floor given in per cent). */
    Space measure(Path directory) throws IOException;

    /** Bytes a process may still write, and the size of the whole file system. */
    record Space(long usable, long total) {}

    static FreeSpace fileStore() {
        return dir -> {
            FileStore store = Files.getFileStore(dir);
            return new Space(store.getUsableSpace(), store.getTotalSpace());
        };
    }
}

package dev.berth.fetchers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many bytes can still be written in a directory; the file store by default. */
@FunctionalInterface
public interface FreeSpace {
    long usableBytes(Path directory) throws IOException;

    static FreeSpace fileStore() {
        return dir -> Files.getFileStore(dir).getUsableSpace();
    }
}

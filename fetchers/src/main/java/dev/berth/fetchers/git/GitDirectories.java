package dev.berth.fetchers.git;

import dev.berth.fetchers.fs.SafeFiles;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directories Berth makes for git (STATE/git, each clone, the ssh home): real directories, created only root
 * may enter. A symbolic link or a file found at one of those names is removed, never followed, so nothing is
 * cloned or written through it.
 */
final class GitDirectories {
    private GitDirectories() {}

    /** STATE/git, made real; the state directory itself is the operator's and may be a link. */
    static Path root(Path stateDirectory) {
        try {
            Files.createDirectories(stateDirectory);
        } catch (IOException e) {
            throw new BerthException(
                    Reason.StateUnavailable,
                    "cannot create the state directory " + stateDirectory + ": " + e.getMessage());
        }
        return ensure(stateDirectory.resolve("git"));
    }

    /** {@code dir}, made real; its parent must exist. */
    static Path ensure(Path dir) {
        try {
            SafeFiles.realDirectory(dir, SafeFiles.PRIVATE_DIRECTORY);
            return dir;
        } catch (IOException e) {
            throw new BerthException(
                    Reason.StateUnavailable, "cannot create the directory " + dir + ": " + e.getMessage());
        }
    }
}

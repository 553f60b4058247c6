package dev.berth.fetchers.git;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FileUtils;
import org.jspecify.annotations.Nullable;

/**
 * The local clone of one remote: a bare repository in the state directory that each pass updates with a shallow
 * fetch. It also remembers, under refs/berth/KEY/, the last commit fetched and the last one that passed every
 * check, so both survive restarts and stay safe from garbage collection.
 */
final class GitCache implements AutoCloseable {
    private final Path dir;
    private final String key;
    private final GitEvents events;
    private @Nullable Repository repo; // opened on first use, until close

    GitCache(Path dir, String key, GitEvents events) {
        this.dir = dir;
        this.key = key;
        this.events = events;
    }

    Path directory() {
        return dir;
    }

    /**
     * The repository, opened until {@link #close}; a directory that is not a usable repository is wiped and created
     * anew, and a link or a file at its name is removed rather than followed.
     */
    Repository repository() {
        if (repo != null) {
            return repo;
        }
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                repo = configured(open());
                return repo;
            } catch (IOException | RuntimeException e) {
                wipe();
            }
        }
        GitDirectories.ensure(dir);
        try {
            repo = configured(
                    Git.init().setBare(true).setDirectory(dir.toFile()).call().getRepository());
        } catch (GitAPIException | IOException | RuntimeException e) {
            // No cause attached: JGit types stay in this package.
            throw new BerthException(
                    Reason.SourceUnavailable, "cannot create the git cache " + dir + ": " + e.getMessage());
        }
        events.cloned();
        return repo;
    }

    // JGit's automatic gc after a fetch runs in a background thread unless told otherwise; in the foreground it
    // cannot race with a wipe, a close, or the next pass.
    private static Repository configured(Repository repository) throws IOException {
        StoredConfig config = repository.getConfig();
        if (config.getBoolean("gc", "autoDetach", true)) {
            config.setBoolean("gc", null, "autoDetach", false);
            config.save();
        }
        return repository;
    }

    private Repository open() throws IOException {
        Repository opened = new FileRepositoryBuilder()
                .setGitDir(dir.toFile())
                .setMustExist(true)
                .build();
        try {
            if (!opened.isBare() || !opened.getObjectDatabase().exists()) {
                throw new IOException("not a bare repository");
            }
            for (Ref ref : opened.getRefDatabase().getRefsByPrefix("refs/berth/")) {
                if (ref.getObjectId() == null || !opened.getObjectDatabase().has(ref.getObjectId())) {
                    throw new IOException(ref.getName() + " points to a missing object");
                }
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** Removes the clone, for a cache found corrupt; the next pass clones again. */
    void wipe() {
        close();
        try {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS | FileUtils.SKIP_MISSING);
        } catch (IOException e) {
            throw new BerthException(
                    Reason.SourceUnavailable, "cannot remove the corrupt git cache " + dir + ": " + e.getMessage());
        }
    }

    String fetchedRef() {
        return "refs/berth/" + key + "/fetched";
    }

    Optional<ObjectId> fetched() {
        return read(fetchedRef());
    }

    Optional<ObjectId> good() {
        return read("refs/berth/" + key + "/good");
    }

    void markFetched(ObjectId commit, Instant when) {
        write(fetchedRef(), commit);
        StoredConfig config = repository().getConfig();
        config.setString("berth", key, "fetchedAt", when.toString());
        try {
            config.save();
        } catch (IOException e) {
            throw corrupt("cannot record the fetch time", e);
        }
    }

    Optional<Instant> fetchedAt() {
        String at = repository().getConfig().getString("berth", key, "fetchedAt");
        try {
            return Optional.ofNullable(at).map(Instant::parse);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    void markGood(ObjectId commit) {
        write("refs/berth/" + key + "/good", commit);
    }

    private Optional<ObjectId> read(String name) {
        try {
            Ref ref = repository().exactRef(name);
            return Optional.ofNullable(ref).map(Ref::getObjectId);
        } catch (IOException e) {
            throw corrupt("cannot read " + name, e);
        }
    }

    private void write(String name, ObjectId commit) {
        try {
            RefUpdate update = repository().updateRef(name);
            update.setNewObjectId(commit);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE) {
                throw new IOException("updating " + name + ": " + result);
            }
        } catch (IOException e) {
            throw corrupt("cannot record " + name, e);
        }
    }

    CacheCorruptException corrupt(String what, Throwable cause) {
        return new CacheCorruptException("the git cache " + dir + " " + what, cause);
    }

    @Override
    public void close() {
        if (repo != null) {
            repo.close();
            repo = null;
        }
    }
}

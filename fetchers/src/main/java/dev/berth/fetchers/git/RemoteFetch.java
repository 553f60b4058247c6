package dev.berth.fetchers.git;

import java.io.IOException;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.PackInvalidException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * Brings the wanted commit into the cache with one shallow fetch (depth 1) of just that ref. A bare name is looked
 * up once with ls-remote to learn whether it is a branch or a tag; a commit already in the cache is never fetched
 * again, because a commit id cannot move.
 */
final class RemoteFetch {
    private final String url;
    private final Transports transports;
    private final Redactor redactor;
    private final GitEvents events;
    private final GitRef configured;
    private GitRef ref;

    RemoteFetch(String url, GitRef ref, Transports transports, Redactor redactor, GitEvents events) {
        this.url = url;
        this.configured = ref;
        this.ref = ref;
        this.transports = transports;
        this.redactor = redactor;
        this.events = events;
    }

    GitRef ref() {
        return ref;
    }

    /** Fetches the wanted commit into {@code dest} and returns it (tags peeled to their commit). */
    ObjectId fetch(Repository repo, String dest) throws RemoteFailedException {
        try {
            if (ref instanceof GitRef.Commit commit && isCommit(repo, ObjectId.fromString(commit.id()))) {
                return ObjectId.fromString(commit.id());
            }
            if (ref instanceof GitRef.Named named) {
                ref = resolve(named);
            }
            transports
                    .configure(Git.wrap(repo).fetch())
                    .setRemote(url)
                    .setRefSpecs(new RefSpec("+" + source(ref) + ":" + dest))
                    .setDepth(1)
                    .setTagOpt(TagOpt.NO_TAGS)
                    .call();
            events.fetched();
            if (ref instanceof GitRef.Commit commit) {
                // JGit fetches a commit asked for by id without updating the destination ref.
                ObjectId id = ObjectId.fromString(commit.id());
                if (!isCommit(repo, id)) {
                    throw new RemoteFailedException("it does not have commit " + id.name(), null);
                }
                return id;
            }
            Ref fetched = repo.exactRef(dest);
            if (fetched == null) {
                throw new RemoteFailedException("the fetch of " + ref.describe() + " brought nothing", null);
            }
            try (RevWalk walk = new RevWalk(repo)) {
                return walk.parseCommit(fetched.getObjectId()).copy();
            }
        } catch (RemoteFailedException e) {
            ref = configured;
            throw e;
        } catch (Exception e) {
            if (transports.redirectRefusal().isPresent()) {
                ref = configured;
                throw new RemoteFailedException(transports.redirectRefusal().get());
            }
            if (isCorruption(e)) {
                throw new CacheCorruptException("the git cache is damaged: " + redactor.describe(e), e);
            }
            String reason = reason(e);
            // A bare name is looked up again next time: the branch may be gone and a tag of that name remain.
            ref = configured;
            throw new RemoteFailedException(reason, e);
        }
    }

    private GitRef resolve(GitRef.Named named) throws Exception {
        Map<String, Ref> refs = transports
                .configure(Git.lsRemoteRepository())
                .setRemote(url)
                .setHeads(true)
                .setTags(true)
                .callAsMap();
        if (refs.containsKey("refs/heads/" + named.name())) {
            return new GitRef.Branch(named.name());
        }
        if (refs.containsKey("refs/tags/" + named.name())) {
            return new GitRef.Tag(named.name());
        }
        throw new RemoteFailedException("it has no branch or tag named " + named.name(), null);
    }

    private static String source(GitRef ref) {
        if (ref instanceof GitRef.Branch branch) {
            return "refs/heads/" + branch.name();
        }
        if (ref instanceof GitRef.Tag tag) {
            return "refs/tags/" + tag.name();
        }
        if (ref instanceof GitRef.Commit commit) {
            return commit.id();
        }
        return "HEAD";
    }

    private static boolean isCommit(Repository repo, ObjectId id) throws IOException {
        if (!repo.getObjectDatabase().has(id)) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            walk.parseCommit(id);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isCorruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CorruptObjectException
                    || t instanceof MissingObjectException
                    || t instanceof PackInvalidException) {
                return true;
            }
        }
        return false;
    }

    private String reason(Exception e) {
        String hostKey = transports.hostKeyRefusal().orElse(null);
        if (hostKey != null) {
            return hostKey;
        }
        String why = redactor.describe(e);
        if (why.contains("not authorized")) {
            return "the server refused the credentials from " + transports.credentialSource()
                    + "; check them and their access to the repository (" + why + ")";
        }
        if (why.contains("Authentication is required")) {
            return "the server wants credentials and none are configured (" + why + ")";
        }
        if (ref instanceof GitRef.Commit) {
            return "the remote does not have " + ref.describe() + " or does not serve commits by id (" + why + ")";
        }
        return why;
    }
}

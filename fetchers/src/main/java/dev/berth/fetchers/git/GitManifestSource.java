package dev.berth.fetchers.git;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.reconciler.port.ManifestSource;
import dev.berth.reconciler.port.SourceSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Desired state from a git repository, as one host sees it. Each read is one shallow fetch of the wanted ref into a clone cached under
 * STATE/git/; the manifests are read straight from the commit's tree and parsed only when the commit changed. A
 * read holds a lock on the clone (STATE/git/HASH.lock), so the agent and a plan run by hand take turns.
 *
 * <p>When the remote cannot be reached, the last fetched commit is used and the snapshot carries a warning. When
 * trusted keys are configured and the new commit is not signed by one of them, the last commit that passed keeps
 * being served, with a warning that starts with "SignatureInvalid:" and says which commit was refused and why;
 * only when no commit ever passed does read() throw SignatureInvalid. This lets the agent keep reconciling towards
 * the last good revision, level-triggered, while the refusal shows in its status.
 */
public final class GitManifestSource implements ManifestSource, AutoCloseable {
    private final GitSourceOptions options;
    private final Redactor redactor;
    private final Transports transports;
    private final GitCache cache;
    private final CacheLock lock;
    private final RemoteFetch remote;
    private final CommitReader reader;

    /** @param host whose view of the manifests {@link #read} returns */
    public GitManifestSource(GitSourceOptions options, HostIdentity host) {
        this(options, host, GitEvents.NONE);
    }

    GitManifestSource(GitSourceOptions options, HostIdentity host, GitEvents events) {
        this(options, host, events, Optional.empty(), lockWait(options.timeout()));
    }

    /** With a trust manager for a test's TLS server, and a bound on the wait for the cache lock. */
    GitManifestSource(
            GitSourceOptions options,
            HostIdentity host,
            GitEvents events,
            Optional<X509TrustManager> trust,
            Duration lockWait) {
        this.options = Objects.requireNonNull(options, "options");
        GitRef ref = GitRef.parse(options.ref());
        this.redactor = new Redactor(options.url());
        Path root = options.stateDirectory().resolve("git");
        String name = hash(options.url());
        this.transports = new Transports(options, redactor, trust);
        this.cache = new GitCache(root.resolve(name), hash(ref.describe() + "\n" + options.path()), events);
        this.lock = new CacheLock(root.resolve(name + ".lock"), lockWait, options.clock());
        this.remote = new RemoteFetch(options.url(), ref, transports, redactor, events);
        this.reader = new CommitReader(options, Objects.requireNonNull(host, "host"), redactor, cache, events);
    }

    // A read makes up to two network calls (ls-remote, fetch), each bounded by the timeout while it stalls.
    private static Duration lockWait(Duration timeout) {
        return timeout.multipliedBy(2).plusSeconds(30);
    }

    /** Where the cached clone lives: STATE/git/ and a hash of the URL. */
    public Path cacheDirectory() {
        return cache.directory();
    }

    /**
     * Reads the whole desired state. Library exceptions end here: what leaves is a {@link BerthException} whose
     * message is redacted and which carries no JGit cause (its messages may spell the URL unredacted).
     */
    @Override
    public synchronized SourceSnapshot read() {
        GitDirectories.root(options.stateDirectory());
        try (CacheLock.Held held = lock.acquire()) {
            try {
                return locked();
            } finally {
                cache.close();
            }
        }
    }

    // The repository is opened and closed under the lock: another process may change or rebuild the clone between
    // reads, and what JGit keeps in memory of it would then be stale.
    private SourceSnapshot locked() {
        try {
            try {
                return pass();
            } catch (CacheCorruptException first) {
                cache.wipe();
                return pass();
            }
        } catch (CacheCorruptException again) {
            throw new BerthException(
                    Reason.SourceUnavailable,
                    redactor.clean(again.getMessage()) + ", even after cloning it again; check the disk");
        } catch (BerthException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BerthException(
                    Reason.SourceUnavailable,
                    "reading " + remote.ref().describe() + " of " + redactor.url() + " failed unexpectedly: "
                            + redactor.describe(e));
        }
    }

    private SourceSnapshot pass() {
        Optional<SourceSnapshot.Notice> warning = Optional.empty();
        ObjectId tip;
        try {
            tip = remote.fetch(cache.repository(), cache.fetchedRef());
            cache.markFetched(tip, options.clock().instant());
        } catch (RemoteFailedException e) {
            Optional<ObjectId> cached = cache.fetched();
            String why = "remote " + redactor.url() + " " + e.describe();
            String advice = e.advice().map(a -> ". " + a).orElse("");
            if (cached.isEmpty()) {
                throw new BerthException(
                        Reason.SourceUnavailable,
                        why + (advice.isEmpty() ? "" : ",") + " while fetching "
                                + remote.ref().describe() + ", and no revision is cached yet" + advice);
            }
            tip = cached.get();
            String when = cache.fetchedAt()
                    .map(t -> " fetched at " + t.truncatedTo(ChronoUnit.SECONDS))
                    .orElse("");
            warning = Optional.of(new SourceSnapshot.Notice(
                    Reason.SourceUnavailable, why + "; using cached revision " + shortId(tip) + when + advice));
        }
        return reader.evaluate(commit(tip), warning, remote.ref());
    }

    private RevCommit commit(ObjectId id) {
        try (RevWalk walk = new RevWalk(cache.repository())) {
            RevCommit commit = walk.parseCommit(id);
            walk.parseBody(commit);
            return commit;
        } catch (MissingObjectException | CorruptObjectException e) {
            throw cache.corrupt("lacks commit " + id.name(), e);
        } catch (IOException e) {
            throw cache.corrupt("cannot read commit " + id.name(), e);
        }
    }

    static String shortId(ObjectId id) {
        return id.name().substring(0, 12);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Sha256.of(digest).hex().substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public synchronized void close() {
        cache.close();
        transports.close();
    }
}

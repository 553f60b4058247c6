package dev.berth.fetchers.git;

import dev.berth.fetchers.pgp.TrustedKeys;
import dev.berth.fetchers.pgp.Verdict;
import dev.berth.model.BerthException;
import dev.berth.model.Manifest;
import dev.berth.model.Provenance;
import dev.berth.model.Reason;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.reconciler.port.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jspecify.annotations.Nullable;

/**
 * Turns a fetched commit into a snapshot: checks its signature when trusted keys are configured, then reads and
 * parses its manifests and keeps what this host should run. The last commit that passed is kept in memory, so an unchanged commit costs nothing, and
 * is what a refused commit falls back to.
 */
final class CommitReader {
    private final GitSourceOptions options;
    private final HostIdentity host;
    private final Redactor redactor;
    private final GitCache cache;
    private final GitEvents events;
    private @Nullable Passed last; // none until a commit passed
    private @Nullable Refused refused; // none until a commit was refused

    /** A commit that passed, under the trusted keys file as it was then. */
    private record Passed(ObjectId commit, String keys, SourceSnapshot snapshot) {}

    /** A commit that was refused, and why, so an unchanged refused tip is not checked again each pass. */
    private record Refused(ObjectId commit, String keys, String why) {}

    /** @param host whose view of the manifests the snapshots hold */
    CommitReader(GitSourceOptions options, HostIdentity host, Redactor redactor, GitCache cache, GitEvents events) {
        this.options = options;
        this.host = host;
        this.redactor = redactor;
        this.cache = cache;
        this.events = events;
    }

    SourceSnapshot evaluate(RevCommit commit, Optional<SourceSnapshot.Notice> warning, GitRef ref) {
        String keys = keysStamp();
        if (last != null && last.commit().equals(commit) && last.keys().equals(keys)) {
            return with(last.snapshot(), warning);
        }
        Optional<String> refusal = refused != null
                        && refused.commit().equals(commit)
                        && refused.keys().equals(keys)
                ? Optional.of(refused.why())
                : refusal(commit, ref);
        if (refusal.isPresent()) {
            refused = new Refused(commit.copy(), keys, refusal.get());
            return fallBack(refusal.get(), warning, ref, keys);
        }
        return with(accept(commit, keys), warning);
    }

    private SourceSnapshot accept(RevCommit commit, String keys) {
        String source = redactor.url() + " " + RepoPath.display(options.path(), commit.name());
        Manifest manifest;
        try {
            manifest = TreeManifests.read(cache.repository(), commit, options.path(), source)
                    .from(Provenance.REPOSITORY)
                    .forHost(host);
        } catch (MissingObjectException e) {
            throw cache.corrupt("lacks part of commit " + commit.name(), e);
        } catch (IOException e) {
            throw cache.corrupt("cannot read commit " + commit.name(), e);
        }
        events.parsed();
        SourceSnapshot snapshot = new SourceSnapshot(manifest, commit.name());
        cache.markGood(commit);
        last = new Passed(commit.copy(), keys, snapshot);
        return snapshot;
    }

    private Optional<String> refusal(RevCommit commit, GitRef ref) {
        if (options.trustedKeys().isEmpty()) {
            return Optional.empty();
        }
        Verdict verdict =
                SignatureCheck.check(TrustedKeys.read(options.trustedKeys().get()), commit.getRawBuffer());
        if (verdict.passed()) {
            return Optional.empty();
        }
        return Optional.of("commit " + GitManifestSource.shortId(commit) + " (" + ref.describe() + ") refused: "
                + verdict.detail());
    }

    private SourceSnapshot fallBack(String refusal, Optional<SourceSnapshot.Notice> warning, GitRef ref, String keys) {
        SourceSnapshot good = null;
        if (last != null && last.keys().equals(keys)) {
            good = last.snapshot();
        } else if (cache.good().isPresent()) {
            RevCommit earlier = load(cache.good().get());
            if (refusal(earlier, ref).isEmpty()) {
                good = accept(earlier, keys);
            }
        }
        if (good == null) {
            throw new BerthException(
                    Reason.SignatureInvalid,
                    refusal + "; no earlier commit passed the check, so there is nothing to apply. Sign the commit"
                            + " with a key listed in "
                            + options.trustedKeys().map(Path::toString).orElse("")
                            + ", or add its signer's public key there");
        }
        String note = refusal + "; still serving the last verified revision "
                + good.revision().substring(0, 12);
        List<SourceSnapshot.Notice> notices = new ArrayList<>();
        warning.ifPresent(notices::add);
        notices.add(new SourceSnapshot.Notice(Reason.SignatureInvalid, note));
        return good.withNotices(notices);
    }

    private RevCommit load(ObjectId id) {
        try (RevWalk walk = new RevWalk(cache.repository())) {
            RevCommit commit = walk.parseCommit(id);
            walk.parseBody(commit);
            return commit;
        } catch (IOException e) {
            throw cache.corrupt("lacks the last verified commit " + id.name(), e);
        }
    }

    private String keysStamp() {
        if (options.trustedKeys().isEmpty()) {
            return "";
        }
        Path file = options.trustedKeys().get();
        try {
            return Files.getLastModifiedTime(file) + ":" + Files.size(file);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static SourceSnapshot with(SourceSnapshot snapshot, Optional<SourceSnapshot.Notice> warning) {
        List<SourceSnapshot.Notice> notices = warning.map(List::of).orElse(List.of());
        return snapshot.notices().equals(notices) ? snapshot : snapshot.withNotices(notices);
    }
}

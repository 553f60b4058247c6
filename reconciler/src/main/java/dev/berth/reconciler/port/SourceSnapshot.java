package dev.berth.reconciler.port;

import dev.berth.model.Manifest;
import dev.berth.model.Reason;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One read of the desired state.
 *
 * @param revision what was read: a git commit id, or "sha256:..." of a manifest file
 * @param notices why this is not the newest revision, when it is not: the remote was unreachable
 *     (SourceUnavailable) or the newest commit was refused (SignatureInvalid) and an older verified one is served
 */
public record SourceSnapshot(Manifest manifest, String revision, List<Notice> notices) {
    public SourceSnapshot {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(revision, "revision");
        notices = List.copyOf(notices);
    }

    public SourceSnapshot(Manifest manifest, String revision) {
        this(manifest, revision, List.of());
    }

    /** Something a person should know about this read, with its stable reason. */
    public record Notice(Reason reason, String message) {
        public Notice {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** True when an older revision than the source's newest is served. */
    public boolean stale() {
        return !notices.isEmpty();
    }

    /** The notices as one line, for people. */
    public Optional<String> warning() {
        return notices.isEmpty()
                ? Optional.empty()
                : Optional.of(notices.stream().map(Notice::message).collect(Collectors.joining("; ")));
    }

    /** The notice with this reason, if any. */
    public Optional<Notice> notice(Reason reason) {
        return notices.stream().filter(n -> n.reason() == reason).findFirst();
    }

    public SourceSnapshot withNotices(List<Notice> replaced) {
        return new SourceSnapshot(manifest, revision, replaced);
    }
}

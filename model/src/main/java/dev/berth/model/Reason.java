package dev.berth.model;

/**
 * The stable reason words every failure carries. They appear the same in status output, logs and metric
 * labels, so alerts and scripts can rely on them; the message beside them is for people.
 */
public enum Reason {
    /** The manifest or configuration does not validate. Fixed only by a new manifest. */
    ManifestInvalid(Kind.STALLED),
    /** The manifest source (file or repository) could not be read. */
    SourceUnavailable(Kind.TRANSIENT),
    /** A commit was not signed by a trusted key. */
    SignatureInvalid(Kind.STALLED),
    /** Downloading an image failed; worth retrying. */
    FetchFailed(Kind.TRANSIENT),
    /** The downloaded bytes do not have the declared sha256. */
    VerificationFailed(Kind.STALLED),
    /** The server refuses the download (404, 403, an untrusted certificate); retried, with backoff. */
    FetchRefused(Kind.TRANSIENT),
    /** Not enough free space in the pool. */
    InsufficientSpace(Kind.TRANSIENT),
    /** A file Berth did not download is in the way. */
    FileConflict(Kind.STALLED),
    /** The manifest asks for a profile portabled does not offer on this host. */
    ProfileUnavailable(Kind.STALLED),
    /**
     * portabled refused to attach or reattach the image. Retried with backoff: the cause may pass (a busy loop
     * device, a unit still stopping), and a refused attach changes nothing on the host.
     */
    AttachRejected(Kind.TRANSIENT),
    /** Stopping, disabling or detaching failed. */
    DetachFailed(Kind.TRANSIENT),
    /** The units did not start or enable. */
    StartFailed(Kind.TRANSIENT),
    /** The manifest gives another sha256 for a version that is already attached: versions are immutable. */
    VersionConflict(Kind.STALLED),
    /** The image name is attached, but not by Berth. */
    NotOwned(Kind.STALLED),
    /** The host's local policy forbids what the manifest asks. */
    PolicyViolation(Kind.STALLED),
    /** The units did not become healthy after a change. */
    HealthCheckFailed(Kind.STALLED),
    /**
     * A rollout stopped before this host's wave: a host of the fleet reports the version as failed, or the fleet's
     * health (Prometheus) cannot be asked. Looked at again every pass.
     */
    RolloutHalted(Kind.TRANSIENT),
    /** systemd-portabled or systemd is not reachable on the bus. */
    PortabledUnavailable(Kind.TRANSIENT),
    /** Berth's own state could not be read or written. */
    StateUnavailable(Kind.TRANSIENT),
    /** Something Berth did not expect (a bug); the pass is retried with backoff and the error logged in full. */
    InternalError(Kind.TRANSIENT);

    /** How a failure is retried, as Flux and controller-runtime do. */
    public enum Kind {
        /** Retry with capped exponential backoff. */
        TRANSIENT,
        /** Do not retry until the desired state changes. */
        STALLED
    }

    private final Kind kind;

    Reason(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

package dev.berth.agent.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The agent's status after its last pass, as {@code STATE/status.json}.
 *
 * @param lastConverged when a pass last found the host matching the manifest
 */
public record AgentStatus(
        int schemaVersion,
        String version,
        long pid,
        Instant agentStarted,
        LastPass lastPass,
        Instant lastConverged,
        List<ImageStatus> images,
        List<String> unmanaged) {
    public static final int SCHEMA = 1;

    public AgentStatus {
        Objects.requireNonNull(lastPass, "lastPass");
        images = List.copyOf(images);
        unmanaged = List.copyOf(unmanaged);
    }

    /** The last pass. */
    public record LastPass(
            Instant started,
            Instant finished,
            String cause,
            String outcome,
            String source,
            String revision,
            List<Notice> notices,
            Problem error) {
        public LastPass {
            Objects.requireNonNull(outcome, "outcome");
            notices = List.copyOf(notices);
        }
    }

    /** A source notice: served an older revision, and why. */
    public record Notice(String reason, String message) {}

    /**
     * A failure with its stable reason.
     *
     * @param restored what a failed change was undone to: a version, "detached", or ""
     */
    public record Problem(String reason, String message, Instant at, String restored) {}

    /**
     * One image: what the manifest wants, what is attached, how it is.
     *
     * @param health healthy, starting, unhealthy or absent (not attached)
     * @param held why Berth leaves the image as it is (policy, a failed change, an unverified SHA256SUMS)
     * @param lastError the last failure of a change to this image
     */
    public record ImageStatus(
            String name,
            String desiredVersion,
            String desiredProfile,
            String attachedVersion,
            String attachedProfile,
            String state,
            String health,
            String healthDetail,
            String drift,
            Problem held,
            Problem lastError) {}
}

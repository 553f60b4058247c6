package dev.berth.agent.status;

import dev.berth.agent.render.UndoneView;
import dev.berth.model.fleet.HostIdentity;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the last pass found, as {@code STATE/status.json}: written by the agent after every pass, and by
 * {@code berth apply}, which runs the same pass.
 *
 * @param runner "berth agent" or "berth apply"
 * @param started when that process started
 * @param lastConverged when a pass last found the host matching the manifest
 * @param host who the host is, as manifests target it; absent in a status written before schema 3
 */
public record AgentStatus(
        int schemaVersion,
        String version,
        String runner,
        long pid,
        Instant started,
        LastPass lastPass,
        @Nullable Instant lastConverged,
        List<ImageStatus> images,
        List<String> unmanaged,
        @Nullable HostStatus host) {
    /**
     * 3: the host's name, labels and machine-id, and what each image waits for. 2: the runner, each image's outcome, and what a failed change was
     * undone to as an object.
     */
    public static final int SCHEMA = 3;

    /** The oldest schema this Berth reads: what it added since is then absent. */
    public static final int OLDEST_READ = 2;

    public AgentStatus {
        Objects.requireNonNull(lastPass, "lastPass");
        images = List.copyOf(images);
        unmanaged = List.copyOf(unmanaged);
    }

    /** Who the host is: its name and labels, which manifests' selectors match, and its machine-id. */
    public record HostStatus(String name, Map<String, String> labels, String machineId) {
        public HostStatus {
            Objects.requireNonNull(name, "name");
            labels = Collections.unmodifiableMap(new TreeMap<>(labels));
            Objects.requireNonNull(machineId, "machineId");
        }

        public static HostStatus of(HostIdentity host) {
            return new HostStatus(host.name(), host.labels(), host.machineId());
        }
    }

    /** The last pass. */
    public record LastPass(
            Instant started,
            Instant finished,
            String cause,
            String outcome,
            @Nullable String source,
            @Nullable String revision,
            List<Notice> notices,
            @Nullable Problem error) {
        public LastPass {
            Objects.requireNonNull(outcome, "outcome");
            notices = List.copyOf(notices);
        }
    }

    /** A source notice: served an older revision, and why. */
    public record Notice(String reason, String message) {}

    /** A failure with its stable reason, and what a failed change was undone to. */
    public record Problem(String reason, String message, Instant at, UndoneView undone) {}

    /**
     * One image: what the manifest wants, what is attached, how it is.
     *
     * @param outcome where the image stands after the last pass: converged, pending, waiting, held, failed, drifted, removing
     * @param state the portable state of what is attached, or "detached"
     * @param health healthy, starting, unhealthy or absent (not attached)
     * @param held why Berth leaves the image as it is (policy, a failed change, an unverified SHA256SUMS)
     * @param lastError the last failure of a change to this image, kept until the image converges again
     * @param waiting what a change to the image waits for (a rollout wave, a maintenance window, a resume)
     */
    public record ImageStatus(
            String name,
            String outcome,
            @Nullable String desiredVersion,
            @Nullable String desiredProfile,
            @Nullable String attachedVersion,
            @Nullable String attachedProfile,
            String state,
            String health,
            String healthDetail,
            @Nullable String drift,
            @Nullable Problem held,
            @Nullable Problem lastError,
            @Nullable String waiting) {}
}

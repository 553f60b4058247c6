package dev.berth.reconciler;

import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Finding;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.health.ImageHealth;
import java.util.Objects;
import java.util.Optional;

/**
 * How one image stands after a pass. Computed once per pass by the reconciler; the status file, the metrics, the
 * log, systemd's status line and the command line all read it instead of working it out again.
 *
 * @param desired the manifest entry, when the manifest lists the image
 * @param attached what is attached under the image's name after the pass
 * @param health how its units look after the pass, when attached
 * @param problem why the image is held or what failed, for HELD and FAILED
 * @param undone what a failed change was undone to; NOTHING unless FAILED
 * @param drift a change made by hand that this pass found (and put back, or only reported)
 * @param waiting what the image waits for, for WAITING
 */
public record ImageOutcome(
        String image,
        State state,
        Optional<ImageSpec> desired,
        Optional<AttachedImage> attached,
        Optional<ImageHealth> health,
        Optional<Problem> problem,
        Undone undone,
        Optional<Finding.Drifted> drift,
        Optional<Finding.Waiting> waiting) {

    /** Where the image stands. */
    public enum State {
        /** Attached as the manifest asks and nothing is left to do. */
        CONVERGED,
        /** Steps remain: the pass stopped, or failed on another image first. */
        PENDING,
        /** Left exactly as it is, with a reason: the host's policy, a change that failed before, a refusal. */
        HELD,
        /** A change to it failed in this pass; {@link #undone} says what was put back. */
        FAILED,
        /**
         * A change to it waits, though nothing is wrong: for its rollout wave, a halted rollout, a maintenance
         * window or a resume; {@link #waiting} says which. The image stays as it is meanwhile.
         */
        WAITING,
        /** Changed by hand and drift correction is off: reported and left alone. */
        DRIFTED,
        /** No longer in the manifest; its detach is still to come. */
        REMOVING
    }

    /** A stable reason and a message for people. */
    public record Problem(Reason reason, String message) {
        public Problem {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    public ImageOutcome {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(attached, "attached");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(undone, "undone");
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(waiting, "waiting");
        if ((state == State.WAITING) != waiting.isPresent()) {
            throw new IllegalArgumentException("a wait goes with WAITING only, for " + image);
        }
        if ((state == State.HELD || state == State.FAILED) != problem.isPresent()) {
            throw new IllegalArgumentException("a problem goes with HELD and FAILED only, for " + image);
        }
    }

    public boolean converged() {
        return state == State.CONVERGED;
    }

    /** A change made by hand was found and put back in this pass. */
    public boolean driftPutBack() {
        return converged() && drift.filter(Finding.Drifted::corrected).isPresent();
    }

    /** The version attached after the pass, if any. */
    public Optional<String> attachedVersion() {
        return attached.flatMap(AttachedImage::version);
    }
}

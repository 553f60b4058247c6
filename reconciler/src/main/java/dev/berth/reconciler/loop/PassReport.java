package dev.berth.reconciler.loop;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.reconciler.Pass;
import dev.berth.reconciler.port.SourceSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one pass of the loop did.
 *
 * @param source the desired state read, when reading worked
 * @param pass the reconcile pass, when it ran
 * @param error why the pass could not run at all (source, host or state unavailable)
 */
public record PassReport(
        Wakeup.Cause cause,
        Instant started,
        Instant finished,
        Optional<SourceSnapshot> source,
        Optional<Pass> pass,
        Optional<BerthException> error) {

    public PassReport {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pass, "pass");
        Objects.requireNonNull(error, "error");
    }

    /** How a pass ended, from best to worst. */
    public enum Outcome {
        /** The host matches the manifest. */
        CONVERGED,
        /**
         * The host matches the manifest except changes that wait for their time (a rollout wave, a maintenance
         * window, a resume), each saying what it waits for; nothing is wrong.
         */
        WAITING,
        /** The host matches the manifest except images held or refused (each says why). */
        HELD,
        /** A step failed for good (and is now held) or was undone: the next pass goes on with the rest. */
        CHANGE_FAILED,
        /** The pass stopped between two steps because the agent is stopping. */
        STOPPED,
        /** A transient failure: the source, the host or a download; retried with backoff. */
        FAILED;

        /**
         * Whether the pass did all it could: the host matches the manifest, or what does not match waits for its
         * time or is held on purpose. Metrics count these as successful reconciles (a host waiting for its wave is
         * not failing).
         */
        public boolean succeeded() {
            return switch (this) {
                case CONVERGED, WAITING, HELD -> true;
                case CHANGE_FAILED, STOPPED, FAILED -> false;
            };
        }
    }

    public Outcome outcome() {
        if (error.isPresent()) {
            return Outcome.FAILED;
        }
        Pass p = pass.orElseThrow();
        if (p.execution().stopped()) {
            return Outcome.STOPPED;
        }
        if (p.execution().failure().isPresent()) {
            Reason reason = p.execution().failure().get().error().reason();
            return reason.kind() == Reason.Kind.TRANSIENT ? Outcome.FAILED : Outcome.CHANGE_FAILED;
        }
        if (p.converged()) {
            return Outcome.CONVERGED;
        }
        if (!p.remaining().isEmpty()) {
            return Outcome.CHANGE_FAILED;
        }
        return p.remaining().refused().isEmpty() ? Outcome.WAITING : Outcome.HELD;
    }

    /** The failure of this pass, if any: why it could not run, or the step that failed. */
    public Optional<BerthException> failure() {
        return error.or(() -> pass.flatMap(p -> p.execution().failure()).map(f -> f.error()));
    }

    public Duration took() {
        return Duration.between(started, finished);
    }
}

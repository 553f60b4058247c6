package dev.berth.model.plan;

import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the planner saw and deliberately does not change. The set is closed: every kind is a case of
 * {@link Visitor}, so each rendering handles every kind or does not compile.
 */
public sealed interface Finding {
    String image();

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of finding. */
    interface Visitor<R> {
        R unmanaged(Unmanaged finding);

        R refused(Refused finding);

        R drifted(Drifted finding);

        R waiting(Waiting finding);
    }

    /** A finding that leaves a desired image exactly as it is: refused for a reason, or waiting for its time. */
    sealed interface Hold extends Finding permits Refused, Waiting {}

    /** Attached by someone else and not in the manifest: never touched. */
    record Unmanaged(AttachedImage attached) implements Finding {
        public Unmanaged {
            Objects.requireNonNull(attached, "attached");
        }

        @Override
        public String image() {
            return attached.name();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.unmanaged(this);
        }
    }

    /** A desired image Berth cannot converge, with a stable reason and what to do about it. */
    record Refused(String image, Reason reason, String message) implements Hold {
        public Refused {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.refused(this);
        }
    }

    /**
     * A managed image someone changed outside Berth (detached it, stopped its units, attached another version).
     *
     * @param what the change in words, for people
     * @param corrected the plan puts it back; false when drift correction is off and it is only reported
     */
    record Drifted(String image, Kind kind, String what, boolean corrected) implements Finding {
        /** What was changed by hand. */
        public enum Kind {
            /** The image was detached. */
            DETACHED,
            /** Its units were stopped or disabled. */
            STOPPED,
            /** Another version, profile or runtime flag was attached. */
            CHANGED,
            /** Berth's limits drop-in of one of its units was edited, removed or added. */
            LIMITS
        }

        public Drifted {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(what, "what");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.drifted(this);
        }
    }

    /**
     * A desired version this host does not move to yet, though nothing is wrong: its rollout wave has not started,
     * the rollout is halted, a maintenance window is closed, or the agent is suspended. The image stays as it is.
     *
     * @param version the version the host will move to when the wait ends; empty for a removal that waits
     */
    record Waiting(String image, Optional<String> version, Wait cause) implements Hold {
        public Waiting {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.waiting(this);
        }
    }
}

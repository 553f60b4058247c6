package dev.berth.model.plan;

import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import java.util.Objects;

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
    }

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
    record Refused(String image, Reason reason, String message) implements Finding {
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
            CHANGED
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
}

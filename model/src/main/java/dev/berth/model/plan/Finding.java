package dev.berth.model.plan;

import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import java.util.Objects;

/** Something the planner saw and deliberately does not change. */
public sealed interface Finding {
    String image();

    /** Attached by someone else and not in the manifest: never touched. */
    record Unmanaged(AttachedImage attached) implements Finding {
        public Unmanaged {
            Objects.requireNonNull(attached, "attached");
        }

        @Override
        public String image() {
            return attached.name();
        }
    }

    /** A desired image Berth cannot converge, with a stable reason and what to do about it. */
    record Refused(String image, Reason reason, String message) implements Finding {
        public Refused {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A managed image someone changed outside Berth (detached it, stopped its units, attached another version).
     *
     * @param corrected the plan puts it back; false when drift correction is off and it is only reported
     */
    record Drifted(String image, String what, boolean corrected) implements Finding {
        public Drifted {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(what, "what");
        }
    }
}

package dev.berth.model.state;

import java.util.Objects;

/**
 * What a failed change was undone to, so that the host is as it was: nothing had to be undone, a first attach
 * was detached again, or an upgrade was rolled back to an earlier version.
 */
public sealed interface Undone {
    Undone NOTHING = Constants.NOTHING;
    Undone DETACHED = Constants.DETACHED;

    <R> R accept(Visitor<R> visitor);

    /** One method per case. */
    interface Visitor<R> {
        R nothing();

        R detached();

        R restoredTo(RestoredTo restored);
    }

    /** Nothing was changed, or nothing could be undone. */
    record Nothing() implements Undone {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.nothing();
        }
    }

    /** A first attach failed and the image was detached again. */
    record Detached() implements Undone {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.detached();
        }
    }

    /** An upgrade failed and the image is back at {@code version}. */
    record RestoredTo(String version) implements Undone {
        public RestoredTo {
            Objects.requireNonNull(version, "version");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.restoredTo(this);
        }
    }

    /** True when something was undone. */
    default boolean any() {
        return !(this instanceof Nothing);
    }

    /**
     * The two cases without data, held outside the interface so that initialising Undone never waits for its own
     * subclasses (a class initialisation deadlock).
     */
    final class Constants {
        static final Undone NOTHING = new Nothing();
        static final Undone DETACHED = new Detached();

        private Constants() {}
    }
}

package dev.berth.model.plan;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a desired version waits. The set is closed: every kind is a case of {@link Visitor}, so each rendering
 * handles every kind or does not compile.
 */
public sealed interface Wait {
    /** When the wait ends by itself; empty when only a change (a resumed rollout, a resume) ends it. */
    Optional<Instant> ends();

    /**
     * The image's new files may be downloaded while it waits, so the change runs at once when the wait ends: true
     * for a maintenance window; false where the point of waiting is not to load the image servers yet.
     */
    default boolean downloadsAhead() {
        return false;
    }

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of wait. */
    interface Visitor<R> {
        R forWave(ForWave wait);

        R outsideWaves(OutsideWaves wait);

        R halted(Halted wait);

        R forWindow(ForWindow wait);

        R suspended(Suspended wait);
    }

    /**
     * This host's wave of the rollout starts later (or the rollout is paused before it).
     *
     * @param wave the host's wave, counted from 1 (wave 1 takes the canaries)
     * @param starts when it starts; empty while the rollout is paused
     */
    record ForWave(int wave, Optional<Instant> starts) implements Wait {
        public ForWave {
            if (wave < 1) {
                throw new IllegalArgumentException("waves are counted from 1: " + wave);
            }
            Objects.requireNonNull(starts, "starts");
        }

        @Override
        public Optional<Instant> ends() {
            return starts;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.forWave(this);
        }
    }

    /** No wave of the rollout takes this host: it keeps the version it has. */
    record OutsideWaves() implements Wait {
        @Override
        public Optional<Instant> ends() {
            return Optional.empty();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.outsideWaves(this);
        }
    }

    /**
     * The rollout is halted before this host's wave (RolloutHalted): a host reports the version as failed, or
     * the fleet's health cannot be asked. Looked at again every pass.
     *
     * @param why what was found, for people
     */
    record Halted(String why) implements Wait {
        public Halted {
            Objects.requireNonNull(why, "why");
        }

        @Override
        public Optional<Instant> ends() {
            return Optional.empty();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.halted(this);
        }
    }

    /**
     * The change stops or restarts a running unit, and the host's maintenance window is closed.
     *
     * @param opens when the next window opens
     */
    record ForWindow(Instant opens) implements Wait {
        public ForWindow {
            Objects.requireNonNull(opens, "opens");
        }

        @Override
        public boolean downloadsAhead() {
            return true;
        }

        @Override
        public Optional<Instant> ends() {
            return Optional.of(opens);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.forWindow(this);
        }
    }

    /**
     * The agent is suspended: it observes, plans and reports, and changes nothing.
     *
     * @param by who suspended it
     * @param reason why, as they said
     * @param until when the suspension expires by itself; empty until {@code berth resume}
     */
    record Suspended(String by, String reason, Optional<Instant> until) implements Wait {
        public Suspended {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(until, "until");
        }

        @Override
        public Optional<Instant> ends() {
            return until;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.suspended(this);
        }
    }
}

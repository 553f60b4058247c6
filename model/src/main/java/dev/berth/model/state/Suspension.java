package dev.berth.model.state;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The host is suspended: its agent observes, plans and reports, and changes nothing. Either a person said so with
 * {@code berth suspend}, or the file that would say so cannot be read, and a host that cannot tell whether it is
 * suspended changes nothing either. The set is closed: every kind is a case of {@link Visitor}.
 */
public sealed interface Suspension {
    /** Who suspended the host, as a change that waits names it. */
    String by();

    /** Why, in words; may be empty. */
    String reason();

    /** When the suspension ends by itself; empty until {@code berth resume}. */
    Optional<Instant> until();

    /** True once {@code now} has reached {@link #until()}: the suspension no longer holds anything. */
    default boolean endedAt(Instant now) {
        return until().filter(u -> !now.isBefore(u)).isPresent();
    }

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of suspension. */
    interface Visitor<R> {
        R declared(Declared suspension);

        R unreadable(Unreadable suspension);
    }

    /**
     * {@code berth suspend}, as it was recorded.
     *
     * @param by the person who ran it (the user sudo was run by, else the user itself)
     * @param reason as they gave it; empty when they gave none
     * @param since when they ran it
     * @param until when it ends by itself, after {@code since}; empty until {@code berth resume}
     */
    record Declared(String by, String reason, Instant since, Optional<Instant> until) implements Suspension {
        public Declared {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(until, "until");
            if (by.isBlank()) {
                throw new IllegalArgumentException("a suspension names who suspended the host");
            }
            if (until.filter(u -> !u.isAfter(since)).isPresent()) {
                throw new IllegalArgumentException(
                        "a suspension ends after it starts: since " + since + ", until " + until.get());
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.declared(this);
        }
    }

    /**
     * Something is where the suspension is kept that Berth cannot trust or read (a link, a directory, garbage, a
     * file someone else could have written). It holds until it is removed ({@code berth resume}).
     *
     * @param file where the suspension is kept
     * @param why what is wrong with it
     */
    record Unreadable(String file, String why) implements Suspension {
        public Unreadable {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String by() {
            return file;
        }

        @Override
        public String reason() {
            return "it cannot be read (" + why + "); this host changes nothing until it can tell whether it is"
                    + " suspended: berth resume removes it";
        }

        @Override
        public Optional<Instant> until() {
            return Optional.empty();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.unreadable(this);
        }
    }
}

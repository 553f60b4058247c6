package dev.berth.reconciler.port;

import dev.berth.model.state.Suspension;
import java.time.Instant;
import java.util.Optional;

/** Whether this host is suspended ({@code berth suspend}); kept across restarts. */
public interface Suspensions {
    /** Never suspended. */
    Suspensions NONE = now -> Optional.empty();

    /**
     * The suspension that holds at {@code now}; empty when there is none or it has ended. Never throws: what cannot
     * be read is a {@link Suspension.Unreadable}, which holds.
     */
    Optional<Suspension> current(Instant now);
}

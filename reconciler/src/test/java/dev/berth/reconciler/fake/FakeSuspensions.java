package dev.berth.reconciler.fake;

import dev.berth.model.state.Suspension;
import dev.berth.reconciler.port.Suspensions;
import java.time.Instant;
import java.util.Optional;

/** A suspension kept in memory; held to {@link SuspensionsContract}. */
public final class FakeSuspensions implements Suspensions {
    private Optional<Suspension> suspension = Optional.empty();

    /** As {@code berth suspend} would: replaces any suspension there was. */
    public synchronized void suspend(Suspension next) {
        suspension = Optional.of(next);
    }

    /** As {@code berth resume} would. */
    public synchronized void resume() {
        suspension = Optional.empty();
    }

    @Override
    public synchronized Optional<Suspension> current(Instant now) {
        return suspension.filter(s -> !s.endedAt(now));
    }
}

package dev.berth.reconciler.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.state.Suspension;
import dev.berth.reconciler.port.Suspensions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link Suspensions} does; run against the fake and the real state directory. */
public abstract class SuspensionsContract {
    protected static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");
    protected static final Instant T2 = T0.plus(Duration.ofHours(2));

    protected abstract Suspensions suspensions();

    /** Records {@code suspension} as {@code berth suspend} does. */
    protected abstract void suspend(Suspension suspension);

    /** Removes it as {@code berth resume} does. */
    protected abstract void resume();

    @Test
    void aHostNeverSuspendedIsNotSuspended() {
        assertThat(suspensions().current(T0)).isEmpty();
    }

    @Test
    void aSuspensionHoldsUntilItsEnd() {
        Suspension declared = new Suspension.Declared("alice", "kernel migration", T0, Optional.of(T2));
        suspend(declared);

        assertThat(suspensions().current(T0)).contains(declared);
        assertThat(suspensions().current(T2.minusMillis(1))).contains(declared);
        assertThat(suspensions().current(T2)).isEmpty();
    }

    @Test
    void aSuspensionWithoutAnEndHoldsUntilResumed() {
        suspend(new Suspension.Declared("alice", "", T0, Optional.empty()));

        assertThat(suspensions().current(T0.plus(Duration.ofDays(400)))).isPresent();
        resume();
        assertThat(suspensions().current(T0)).isEmpty();
    }

    @Test
    void aNewSuspensionReplacesTheOldOne() {
        suspend(new Suspension.Declared("alice", "first", T0, Optional.of(T2)));
        Suspension second = new Suspension.Declared("bob", "second", T0.plusSeconds(60), Optional.empty());
        suspend(second);

        assertThat(suspensions().current(T2.plusSeconds(1))).contains(second);
    }
}

package dev.berth.reconciler.loop;

import dev.berth.reconciler.fake.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Waits on a {@link ManualClock}: a wait advances the clock, unless a wake-up was queued. Records every wait. */
final class ManualWakeup implements Wakeup {
    private final ManualClock clock;
    private final List<Duration> waits = new ArrayList<>();
    private final List<Cause> queued = new ArrayList<>();
    private int remainingWaits;

    ManualWakeup(ManualClock clock, int waits) {
        this.clock = clock;
        this.remainingWaits = waits;
    }

    @Override
    public Cause await(Duration delay) {
        waits.add(delay);
        if (!queued.isEmpty()) {
            return queued.remove(0);
        }
        if (remainingWaits-- <= 0) {
            return Cause.STOP;
        }
        clock.advance(delay);
        return Cause.TIMER;
    }

    @Override
    public void wake(Cause cause) {
        queued.add(cause);
    }

    List<Duration> waits() {
        return List.copyOf(waits);
    }
}

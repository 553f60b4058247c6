package dev.berth.agent.trigger;

import dev.berth.reconciler.loop.Wakeup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every wake-up; never waits. */
final class RecordingWakeup implements Wakeup {
    private final List<Cause> woken = new CopyOnWriteArrayList<>();

    @Override
    public Cause await(Duration delay) {
        return Cause.TIMER;
    }

    @Override
    public void wake(Cause cause) {
        woken.add(cause);
    }

    List<Cause> woken() {
        return List.copyOf(woken);
    }
}

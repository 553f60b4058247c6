package dev.berth.reconciler.suspend;

import dev.berth.model.Manifest;
import dev.berth.model.host.Observed;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Wait;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.Suspension;
import dev.berth.reconciler.port.ChangeGate;
import dev.berth.reconciler.port.Suspensions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * While the host is suspended, every image with a planned step waits, downloads included, and so does pruning:
 * the host is observed, planned and reported on, and nothing changes. An ended suspension holds nothing; the wait
 * says when it ends, so the agent looks again then.
 */
public final class SuspensionGate implements ChangeGate {
    private final Suspensions suspensions;
    private final Clock clock;

    public SuspensionGate(Suspensions suspensions, Clock clock) {
        this.suspensions = suspensions;
        this.clock = clock;
    }

    @Override
    public Map<String, Finding.Waiting> waits(Manifest desired, Plan plan, Observed observed, Inventory inventory) {
        return wholeHost()
                .map(wait -> ChangeGate.each(desired, plan.steps(), wait))
                .orElse(Map.of());
    }

    @Override
    public Optional<Wait> wholeHost() {
        return suspensions.current(clock.instant()).map(SuspensionGate::wait);
    }

    private static Wait wait(Suspension suspension) {
        return new Wait.Suspended(suspension.by(), suspension.reason(), suspension.until());
    }
}

package dev.berth.reconciler.window;

import dev.berth.model.Manifest;
import dev.berth.model.fleet.MaintenanceWindows;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.Observed;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import dev.berth.model.plan.Wait;
import dev.berth.model.state.Inventory;
import dev.berth.reconciler.port.ChangeGate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds the changes that would interrupt a running service until a maintenance window opens: an upgrade (a new
 * version, profile, match list or runtime flag reattaches and restarts the units) and a removal, of an image whose
 * units run. A first attach, a start of stopped units, downloads and pruning go ahead at any time; the waiting
 * image's new files download ahead ({@link Wait.ForWindow#downloadsAhead()}), so the change runs as soon as the
 * window opens. Without windows nothing waits.
 */
public final class WindowGate implements ChangeGate {
    private final MaintenanceWindows windows;
    private final Clock clock;

    public WindowGate(MaintenanceWindows windows, Clock clock) {
        this.windows = windows;
        this.clock = clock;
    }

    @Override
    public Map<String, Finding.Waiting> waits(Manifest desired, Plan plan, Observed observed, Inventory inventory) {
        Instant now = clock.instant();
        Optional<Instant> opens = windows.nextOpening(now);
        if (opens.isEmpty() || windows.isOpen(now)) {
            return Map.of();
        }
        List<Step> interrupting =
                plan.steps().stream().filter(s -> s.accept(Interrupts.VISITOR)).toList();
        return ChangeGate.each(desired, interrupting, new Wait.ForWindow(opens.get()));
    }

    /** Whether a step stops or restarts a running unit. Each kind of step is a case, or this does not compile. */
    private static final class Interrupts implements Step.Visitor<Boolean> {
        static final Interrupts VISITOR = new Interrupts();

        @Override
        public Boolean fetch(Step.Fetch step) {
            return false;
        }

        @Override
        public Boolean attach(Step.Attach step) {
            return false;
        }

        @Override
        public Boolean upgrade(Step.Upgrade step) {
            return running(step.from());
        }

        @Override
        public Boolean start(Step.Start step) {
            return false;
        }

        /** New limits restart the image's running units. */
        @Override
        public Boolean limit(Step.Limit step) {
            return running(step.attached());
        }

        @Override
        public Boolean detach(Step.Detach step) {
            return step.attached().map(Interrupts::running).orElse(false);
        }

        @Override
        public Boolean prune(Step.Prune step) {
            return false;
        }

        private static boolean running(AttachedImage image) {
            return image.state().isRunning();
        }
    }
}

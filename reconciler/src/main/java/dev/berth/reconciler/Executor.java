package dev.berth.reconciler;

import dev.berth.model.BerthException;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.port.HealthGate;
import dev.berth.reconciler.port.ImageFetcher;
import dev.berth.reconciler.port.ImagePool;
import dev.berth.reconciler.port.InventoryStore;
import dev.berth.reconciler.port.PortableHost;
import dev.berth.reconciler.port.ReconcileListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Runs a plan's steps in order through the ports and stops at the first failure. */
public final class Executor {
    private final Fetching fetching;
    private final Attaching attaching;
    private final Removing removing;
    private final InventoryStore store;
    private final ReconcileListener listener;
    private final Clock clock;

    public Executor(
            PortableHost host,
            ImageFetcher fetcher,
            ImagePool pool,
            InventoryStore store,
            HealthGate health,
            ReconcileListener listener,
            Clock clock) {
        this.fetching = new Fetching(fetcher, pool);
        this.attaching = new Attaching(host, pool, health, listener);
        this.removing = new Removing(host, pool);
        this.store = store;
        this.listener = listener;
        this.clock = clock;
    }

    public Execution run(Plan plan, Inventory start) {
        return run(plan, start, () -> false);
    }

    /**
     * Runs the steps until one fails, or {@code stop} says to stop: it is asked before each step, so a stop never
     * leaves a step half done.
     */
    public Execution run(Plan plan, Inventory start, BooleanSupplier stop) {
        Ledger ledger = new Ledger(store, start);
        List<Step> completed = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (stop.getAsBoolean()) {
                return new Execution(completed, Optional.empty(), true, ledger.inventory());
            }
            Instant began = clock.instant();
            listener.stepStarted(step);
            try {
                step.accept(new Run(ledger));
            } catch (BerthException e) {
                listener.stepFailed(step, e, Duration.between(began, clock.instant()));
                Undone undone = e instanceof ChangeUndone u ? u.undone() : Undone.NOTHING;
                return new Execution(
                        completed, Optional.of(new Execution.Failure(step, e, undone)), false, ledger.inventory());
            }
            listener.stepSucceeded(step, Duration.between(began, clock.instant()));
            completed.add(step);
        }
        return new Execution(completed, Optional.empty(), false, ledger.inventory());
    }

    /** Each kind of step, run against the ledger. */
    private final class Run implements Step.Visitor<Void> {
        private final Ledger ledger;

        Run(Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public Void fetch(Step.Fetch step) {
            fetching.fetch(step, ledger);
            return null;
        }

        @Override
        public Void attach(Step.Attach step) {
            attaching.attach(step, ledger);
            return null;
        }

        @Override
        public Void upgrade(Step.Upgrade step) {
            attaching.upgrade(step, ledger);
            return null;
        }

        @Override
        public Void start(Step.Start step) {
            attaching.start(step, ledger);
            return null;
        }

        @Override
        public Void limit(Step.Limit step) {
            attaching.limit(step, ledger);
            return null;
        }

        @Override
        public Void detach(Step.Detach step) {
            removing.detach(step, ledger);
            return null;
        }

        @Override
        public Void prune(Step.Prune step) {
            removing.prune(step, ledger);
            return null;
        }
    }
}

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
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs a plan's steps in order through the ports and stops at the first failure. Changes to different images are
 * made one after the other and their health windows watched together ({@link SharedWindow}); each is then kept or
 * undone on its own.
 */
public final class Executor {
    private final Fetching fetching;
    private final Attaching attaching;
    private final Removing removing;
    private final InventoryStore store;
    private final HealthGate health;
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
        this.attaching = new Attaching(host, pool, listener);
        this.removing = new Removing(host, pool);
        this.store = store;
        this.health = health;
        this.listener = listener;
        this.clock = clock;
    }

    public Execution run(Plan plan, Inventory start) {
        return run(plan, start, () -> false);
    }

    /**
     * Runs the steps until one fails, or {@code stop} says to stop: it is asked before each step, so a stop never
     * leaves a step half done; the health windows already open are watched to their end first.
     */
    public Execution run(Plan plan, Inventory start, BooleanSupplier stop) {
        Ledger ledger = new Ledger(store, start);
        List<Step> completed = new ArrayList<>();
        List<Execution.Failure> failures = new ArrayList<>();
        SharedWindow window = new SharedWindow();
        for (Step step : plan.steps()) {
            if (!window.admits(step)) {
                close(window, completed, failures);
                if (!failures.isEmpty()) {
                    break;
                }
            }
            if (stop.getAsBoolean()) {
                close(window, completed, failures);
                return new Execution(completed, failures, true, ledger.inventory());
            }
            Instant began = clock.instant();
            listener.stepStarted(step);
            try {
                Optional<Unproven> change = step.accept(new Run(ledger));
                if (change.isPresent()) {
                    window.add(change.get(), began);
                } else {
                    listener.stepSucceeded(step, since(began));
                    completed.add(step);
                }
            } catch (BerthException e) {
                Execution.Failure refused = failed(step, e, began);
                close(window, completed, failures);
                failures.add(refused);
                return new Execution(completed, failures, false, ledger.inventory());
            }
        }
        close(window, completed, failures);
        return new Execution(completed, failures, false, ledger.inventory());
    }

    /** Watches the window's changes together, then keeps each healthy one and undoes each other one. */
    private void close(SharedWindow window, List<Step> completed, List<Execution.Failure> failures) {
        List<SharedWindow.Entry> entries = window.close();
        if (entries.isEmpty()) {
            return;
        }
        List<Step> steps = entries.stream().map(e -> e.change().step()).toList();
        listener.watching(steps);
        Map<String, BerthException> unhealthy =
                health.awaitAll(entries.stream().map(e -> e.change().spec()).toList());
        for (SharedWindow.Entry entry : entries) {
            Unproven change = entry.change();
            BerthException cause = unhealthy.get(change.spec().name());
            if (cause != null) {
                failures.add(failed(change.step(), change.undo().apply(cause), entry.began()));
                continue;
            }
            try {
                change.keep().run();
                listener.stepSucceeded(change.step(), since(entry.began()));
                completed.add(change.step());
            } catch (BerthException e) {
                failures.add(failed(change.step(), e, entry.began()));
            }
        }
    }

    private Execution.Failure failed(Step step, BerthException e, Instant began) {
        listener.stepFailed(step, e, since(began));
        return new Execution.Failure(step, e, e instanceof ChangeUndone u ? u.undone() : Undone.NOTHING);
    }

    private Duration since(Instant began) {
        return Duration.between(began, clock.instant());
    }

    /** Each kind of step, run against the ledger; a change that health must prove comes back unproven. */
    private final class Run implements Step.Visitor<Optional<Unproven>> {
        private final Ledger ledger;

        Run(Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public Optional<Unproven> fetch(Step.Fetch step) {
            fetching.fetch(step, ledger);
            return Optional.empty();
        }

        @Override
        public Optional<Unproven> attach(Step.Attach step) {
            return Optional.of(attaching.attach(step, ledger));
        }

        @Override
        public Optional<Unproven> upgrade(Step.Upgrade step) {
            return Optional.of(attaching.upgrade(step, ledger));
        }

        @Override
        public Optional<Unproven> start(Step.Start step) {
            return Optional.of(attaching.start(step, ledger));
        }

        @Override
        public Optional<Unproven> limit(Step.Limit step) {
            return Optional.of(attaching.limit(step, ledger));
        }

        @Override
        public Optional<Unproven> detach(Step.Detach step) {
            removing.detach(step, ledger);
            return Optional.empty();
        }

        @Override
        public Optional<Unproven> prune(Step.Prune step) {
            removing.prune(step, ledger);
            return Optional.empty();
        }
    }
}

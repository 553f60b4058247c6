package dev.berth.reconciler;

import dev.berth.model.BerthException;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import dev.berth.model.state.Inventory;
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
        this.attaching = new Attaching(host, health, listener);
        this.removing = new Removing(host, pool);
        this.store = store;
        this.listener = listener;
        this.clock = clock;
    }

    public Execution run(Plan plan, Inventory start) {
        Ledger ledger = new Ledger(store, start);
        List<Step> completed = new ArrayList<>();
        for (Step step : plan.steps()) {
            Instant began = clock.instant();
            listener.stepStarted(step);
            try {
                execute(step, ledger);
            } catch (BerthException e) {
                listener.stepFailed(step, e, Duration.between(began, clock.instant()));
                return new Execution(completed, Optional.of(new Execution.Failure(step, e)), ledger.inventory());
            }
            listener.stepSucceeded(step, Duration.between(began, clock.instant()));
            completed.add(step);
        }
        return new Execution(completed, Optional.empty(), ledger.inventory());
    }

    private void execute(Step step, Ledger ledger) {
        if (step instanceof Step.Fetch fetch) {
            fetching.fetch(fetch, ledger);
        } else if (step instanceof Step.Attach attach) {
            attaching.attach(attach, ledger);
        } else if (step instanceof Step.Upgrade upgrade) {
            attaching.upgrade(upgrade, ledger);
        } else if (step instanceof Step.Start start) {
            attaching.start(start, ledger);
        } else if (step instanceof Step.Detach detach) {
            removing.detach(detach, ledger);
        } else if (step instanceof Step.Prune prune) {
            removing.prune(prune, ledger);
        } else {
            throw new IllegalStateException("unknown step " + step);
        }
    }
}

package dev.berth.reconciler;

import dev.berth.model.Manifest;
import dev.berth.model.host.Observed;
import dev.berth.model.plan.Plan;
import dev.berth.model.state.Inventory;
import dev.berth.reconciler.port.DigestResolver;
import dev.berth.reconciler.port.ImagePool;
import dev.berth.reconciler.port.InventoryStore;
import dev.berth.reconciler.port.PortableHost;

/**
 * One level-triggered pass: read the whole host and Berth's inventory, plan against the whole desired state,
 * execute, then look again to tell whether the host converged.
 */
public final class Reconciler {
    private final PortableHost host;
    private final ImagePool pool;
    private final InventoryStore store;
    private final Planner planner;
    private final Executor executor;
    private final DigestResolver resolver;

    public Reconciler(
            PortableHost host,
            ImagePool pool,
            InventoryStore store,
            Planner planner,
            Executor executor,
            DigestResolver resolver) {
        this.host = host;
        this.pool = pool;
        this.store = store;
        this.planner = planner;
        this.executor = executor;
        this.resolver = resolver;
    }

    /** What a pass would do now; changes nothing. */
    public Plan plan(Manifest desired) {
        Resolution resolution = Resolution.of(desired, resolver);
        return planner.plan(resolution.manifest(), observe(), store.load(), resolution.holds());
    }

    /** Plans, executes, and plans again: converged when nothing is left to do and nothing was refused. */
    public Pass apply(Manifest desired) {
        Resolution resolution = Resolution.of(desired, resolver);
        Inventory inventory = store.load();
        Plan plan = planner.plan(resolution.manifest(), observe(), inventory, resolution.holds());
        Execution execution = executor.run(plan, inventory);
        Plan remaining = planner.plan(resolution.manifest(), observe(), execution.inventory(), resolution.holds());
        return new Pass(plan, execution, remaining);
    }

    public Observed observe() {
        return new Observed(host.attached(), pool.list(), host.profiles());
    }
}

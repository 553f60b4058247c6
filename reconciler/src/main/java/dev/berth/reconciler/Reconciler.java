package dev.berth.reconciler;

import dev.berth.model.ImageSpec;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Manifest;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.Observed;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import dev.berth.model.state.FailedChange;
import dev.berth.model.state.Inventory;
import dev.berth.reconciler.port.ChangeGate;
import dev.berth.reconciler.port.DigestResolver;
import dev.berth.reconciler.port.ImagePool;
import dev.berth.reconciler.port.InventoryStore;
import dev.berth.reconciler.port.PortableHost;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One level-triggered pass: read the whole host and Berth's inventory, decide which images to hold, plan against
 * the whole desired state, execute, remember a change that failed for good, then look again to tell whether the
 * host converged.
 */
public final class Reconciler {
    private final PortableHost host;
    private final ImagePool pool;
    private final InventoryStore store;
    private final Planner planner;
    private final Executor executor;
    private final DigestResolver resolver;
    private final LocalPolicy policy;
    private final Clock clock;
    private final List<ChangeGate> gates;

    public Reconciler(
            PortableHost host,
            ImagePool pool,
            InventoryStore store,
            Planner planner,
            Executor executor,
            DigestResolver resolver,
            LocalPolicy policy,
            Clock clock) {
        this(host, pool, store, planner, executor, resolver, policy, clock, List.of());
    }

    /** @param gates asked in order; the first that makes an image wait says why */
    public Reconciler(
            PortableHost host,
            ImagePool pool,
            InventoryStore store,
            Planner planner,
            Executor executor,
            DigestResolver resolver,
            LocalPolicy policy,
            Clock clock,
            List<ChangeGate> gates) {
        this.host = host;
        this.pool = pool;
        this.store = store;
        this.planner = planner;
        this.executor = executor;
        this.resolver = resolver;
        this.policy = policy;
        this.clock = clock;
        this.gates = List.copyOf(gates);
    }

    /** What a pass would do now; changes nothing. */
    public Plan plan(Manifest desired) {
        Inventory inventory = Admission.rememberClean(desired, Admission.forgetStale(desired, store.load()));
        Decision decision = decide(desired, inventory);
        return gated(decision, observe(), inventory);
    }

    public Pass apply(Manifest desired) {
        return apply(desired, () -> false);
    }

    /** Plans, executes, and plans again: converged when nothing is left to do and nothing was held or refused. */
    public Pass apply(Manifest desired, BooleanSupplier stop) {
        Inventory inventory = store.load();
        Inventory current = Admission.rememberClean(desired, Admission.forgetStale(desired, inventory));
        if (!current.equals(inventory)) {
            store.save(current);
        }
        Decision decision = decide(desired, current);
        Observed before = observe();
        Plan plan = gated(decision, before, current);
        Execution execution = executor.run(plan, current, stop);
        if (plan.isEmpty()) {
            // Nothing was changed: looking again would see the same host (the common no-op pass stays cheap).
            return pass(decision.manifest(), plan, execution, plan, before, current);
        }
        Inventory after = remember(execution);
        if (stop.getAsBoolean()) {
            // Stopping: no more calls to the host, which may itself be shutting down.
            return pass(decision.manifest(), plan, execution, plan, before, after);
        }
        Decision again = decide(desired, after);
        Observed now = observe();
        Plan remaining = gated(again, now, after);
        return pass(again.manifest(), plan, execution, remaining, now, after);
    }

    private static Pass pass(
            Manifest desired, Plan plan, Execution execution, Plan remaining, Observed after, Inventory inventory) {
        return new Pass(
                desired,
                plan,
                execution,
                remaining,
                after,
                Outcomes.of(plan, execution, remaining, after, inventory, desired.images()),
                inventory);
    }

    /** Forgets every failed change, so the next pass tries them again. */
    public void forgetFailures() {
        Inventory inventory = store.load();
        if (!inventory.failures().isEmpty()) {
            store.save(new Inventory(inventory.images(), inventory.files(), Map.of()));
        }
    }

    public Observed observe() {
        List<AttachedImage> attached = host.attached();
        return new Observed(attached, pool.list(), host.profiles(), host.limitDropIns(attached));
    }

    private Decision decide(Manifest desired, Inventory inventory) {
        Map<String, Finding.Refused> holds = new LinkedHashMap<>(Admission.holds(desired, inventory, policy));
        Resolution resolution = Resolution.of(desired, holds.keySet(), resolver);
        holds.putAll(resolution.holds());
        return new Decision(resolution.manifest(), holds);
    }

    /**
     * The plan with the gates' waits: planned once from the manifest, shown to each gate, and planned again with
     * the images they hold. A gate that holds the whole host (a suspension) also holds the pruning of unused files,
     * even when no image has a step.
     */
    private Plan gated(Decision decision, Observed observed, Inventory inventory) {
        Plan plan = planner.plan(decision.manifest(), observed, inventory, decision.holds());
        Map<String, Finding.Waiting> waits = new LinkedHashMap<>();
        boolean suspended = false;
        for (ChangeGate gate : gates) {
            gate.waits(decision.manifest(), plan, observed, inventory).forEach(waits::putIfAbsent);
            suspended |= gate.wholeHost().isPresent();
        }
        waits.keySet().removeAll(decision.holds().keySet());
        if (waits.isEmpty()) {
            return suspended ? plan.without(Step.Prune.class) : plan;
        }
        Map<String, Finding.Hold> holds = new LinkedHashMap<>(decision.holds());
        holds.putAll(waits);
        Plan again = planner.plan(decision.manifest(), observed, inventory, holds);
        return suspended ? again.without(Step.Prune.class) : again;
    }

    /** A change that failed for good is remembered, so it is not tried again until its entry changes. */
    private Inventory remember(Execution execution) {
        Inventory next = execution.inventory();
        for (Execution.Failure failure : execution.failures()) {
            Optional<ImageSpec> spec = specOf(failure.step());
            if (spec.isPresent() && failure.error().reason().kind() == Reason.Kind.STALLED) {
                next = next.with(FailedChange.of(
                        spec.get(),
                        failure.step().action(),
                        failure.error().reason(),
                        failure.error().getMessage(),
                        clock.instant(),
                        failure.undone()));
            }
        }
        if (!next.equals(execution.inventory())) {
            store.save(next);
        }
        return next;
    }

    private static Optional<ImageSpec> specOf(Step step) {
        return step.accept(new Step.Visitor<Optional<ImageSpec>>() {
            @Override
            public Optional<ImageSpec> fetch(Step.Fetch s) {
                return Optional.of(s.spec());
            }

            @Override
            public Optional<ImageSpec> attach(Step.Attach s) {
                return Optional.of(s.spec());
            }

            @Override
            public Optional<ImageSpec> upgrade(Step.Upgrade s) {
                return Optional.of(s.spec());
            }

            @Override
            public Optional<ImageSpec> start(Step.Start s) {
                return Optional.of(s.spec());
            }

            @Override
            public Optional<ImageSpec> limit(Step.Limit s) {
                return Optional.of(s.spec());
            }

            @Override
            public Optional<ImageSpec> detach(Step.Detach s) {
                return Optional.empty();
            }

            @Override
            public Optional<ImageSpec> prune(Step.Prune s) {
                return Optional.empty();
            }
        });
    }

    /** The manifest with its digests resolved, and the images to hold. */
    private record Decision(Manifest manifest, Map<String, Finding.Refused> holds) {}
}

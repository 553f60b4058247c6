package dev.berth.reconciler;

import dev.berth.model.ImageSpec;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.Observed;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.health.ImageHealth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The pure rule that turns what a pass did into one {@link ImageOutcome} per image, in a stable order. */
final class Outcomes {
    private Outcomes() {}

    /**
     * @param plan what the pass set out to do (its drift findings)
     * @param execution what it did
     * @param remaining a new plan against the host afterwards
     * @param after the host afterwards
     * @param inventory what Berth owns afterwards
     * @param desired the manifest's images, digests resolved
     */
    static List<ImageOutcome> of(
            Plan plan,
            Execution execution,
            Plan remaining,
            Observed after,
            Inventory inventory,
            List<ImageSpec> desired) {
        Set<String> names = new LinkedHashSet<>();
        desired.forEach(spec -> names.add(spec.name()));
        names.addAll(inventory.images().keySet());
        remaining.steps().forEach(s -> s.image().ifPresent(names::add));
        execution.failures().forEach(f -> f.step().image().ifPresent(names::add));
        List<ImageOutcome> outcomes = new ArrayList<>();
        for (String name : names) {
            Optional<ImageSpec> spec =
                    desired.stream().filter(s -> s.name().equals(name)).findFirst();
            Optional<AttachedImage> attached =
                    after.attachedNamed(name).stream().findFirst();
            outcomes.add(one(name, spec, attached, plan, execution, remaining));
        }
        return List.copyOf(outcomes);
    }

    private static ImageOutcome one(
            String name,
            Optional<ImageSpec> spec,
            Optional<AttachedImage> attached,
            Plan plan,
            Execution execution,
            Plan remaining) {
        Optional<ImageHealth> health = attached.map(ImageHealth::of);
        Optional<Finding.Drifted> drift = drift(name, remaining).or(() -> drift(name, plan));
        Optional<Execution.Failure> failed = execution.failureOf(name);
        if (failed.isPresent()) {
            return new ImageOutcome(
                    name,
                    ImageOutcome.State.FAILED,
                    spec,
                    attached,
                    health,
                    Optional.of(new ImageOutcome.Problem(
                            failed.get().error().reason(), failed.get().error().getMessage())),
                    failed.get().undone(),
                    drift,
                    Optional.empty());
        }
        Optional<Finding.Refused> held =
                remaining.refused().stream().filter(r -> r.image().equals(name)).findFirst();
        if (held.isPresent()) {
            return new ImageOutcome(
                    name,
                    ImageOutcome.State.HELD,
                    spec,
                    attached,
                    health,
                    Optional.of(new ImageOutcome.Problem(
                            held.get().reason(), held.get().message())),
                    Undone.NOTHING,
                    drift,
                    Optional.empty());
        }
        Optional<Finding.Waiting> waiting =
                remaining.waiting().stream().filter(w -> w.image().equals(name)).findFirst();
        if (waiting.isPresent()) {
            return new ImageOutcome(
                    name,
                    ImageOutcome.State.WAITING,
                    spec,
                    attached,
                    health,
                    Optional.empty(),
                    Undone.NOTHING,
                    drift,
                    waiting);
        }
        ImageOutcome.State state;
        if (drift(name, remaining).filter(d -> !d.corrected()).isPresent()) {
            state = ImageOutcome.State.DRIFTED;
        } else if (remaining.steps().stream().anyMatch(s -> s.concerns(name))) {
            state = spec.isPresent() ? ImageOutcome.State.PENDING : ImageOutcome.State.REMOVING;
        } else {
            state = spec.isPresent() ? ImageOutcome.State.CONVERGED : ImageOutcome.State.REMOVING;
        }
        return new ImageOutcome(
                name, state, spec, attached, health, Optional.empty(), Undone.NOTHING, drift, Optional.empty());
    }

    private static Optional<Finding.Drifted> drift(String name, Plan plan) {
        return plan.drifted().stream().filter(d -> d.image().equals(name)).findFirst();
    }
}

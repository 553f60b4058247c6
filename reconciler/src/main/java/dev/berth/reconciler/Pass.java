package dev.berth.reconciler;

import dev.berth.model.Manifest;
import dev.berth.model.host.Observed;
import dev.berth.model.plan.Plan;
import dev.berth.model.state.Inventory;
import java.util.List;
import java.util.Optional;

/**
 * The result of one reconcile pass.
 *
 * @param desired the manifest, its digests resolved
 * @param plan what the pass set out to do
 * @param remaining what a new plan against the host afterwards still contains
 * @param after the host as observed at the end of the pass
 * @param outcomes how each desired or managed image stands afterwards, in manifest order, then removed images
 * @param inventory what Berth owns afterwards, with the failed changes it remembers
 */
public record Pass(
        Manifest desired,
        Plan plan,
        Execution execution,
        Plan remaining,
        Observed after,
        List<ImageOutcome> outcomes,
        Inventory inventory) {
    public Pass {
        outcomes = List.copyOf(outcomes);
    }

    /** The host matches the manifest: every step ran, nothing is left, nothing was refused or waits. */
    public boolean converged() {
        return execution.succeeded()
                && remaining.isEmpty()
                && remaining.refused().isEmpty()
                && remaining.waiting().isEmpty();
    }

    public Optional<ImageOutcome> outcome(String image) {
        return outcomes.stream().filter(o -> o.image().equals(image)).findFirst();
    }

    /** The outcomes in {@code state}. */
    public List<ImageOutcome> in(ImageOutcome.State state) {
        return outcomes.stream().filter(o -> o.state() == state).toList();
    }
}

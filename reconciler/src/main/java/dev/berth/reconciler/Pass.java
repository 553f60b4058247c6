package dev.berth.reconciler;

import dev.berth.model.Manifest;
import dev.berth.model.host.Observed;
import dev.berth.model.plan.Plan;

/**
 * The result of one reconcile pass.
 *
 * @param desired the manifest, its digests resolved
 * @param plan what the pass set out to do
 * @param remaining what a new plan against the host afterwards still contains
 * @param after the host as observed at the end of the pass
 */
public record Pass(Manifest desired, Plan plan, Execution execution, Plan remaining, Observed after) {
    /** The host matches the manifest: every step ran, nothing is left, nothing was refused. */
    public boolean converged() {
        return execution.succeeded()
                && remaining.isEmpty()
                && remaining.refused().isEmpty();
    }
}

package dev.berth.reconciler;

import dev.berth.model.plan.Plan;

/**
 * The result of one reconcile pass.
 *
 * @param plan what the pass set out to do
 * @param remaining what a new plan against the host afterwards still contains
 */
public record Pass(Plan plan, Execution execution, Plan remaining) {
    /** The host matches the manifest: every step ran, nothing is left, nothing was refused. */
    public boolean converged() {
        return execution.succeeded()
                && remaining.isEmpty()
                && remaining.refused().isEmpty();
    }
}

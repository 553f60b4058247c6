package dev.berth.reconciler;

import dev.berth.model.BerthException;
import dev.berth.model.plan.Step;
import dev.berth.model.state.Inventory;
import java.util.List;
import java.util.Optional;

/**
 * What running a plan did: the steps that completed, the one that failed (the executor stops there), and the
 * inventory afterwards.
 */
public record Execution(List<Step> completed, Optional<Failure> failure, Inventory inventory) {
    public Execution {
        completed = List.copyOf(completed);
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }

    /** The step that failed and why. */
    public record Failure(Step step, BerthException error) {}
}

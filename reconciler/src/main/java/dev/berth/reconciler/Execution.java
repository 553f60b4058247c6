package dev.berth.reconciler;

import dev.berth.model.BerthException;
import dev.berth.model.plan.Step;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.Undone;
import java.util.List;
import java.util.Optional;

/**
 * What running a plan did: the steps that completed, the one that failed (the executor stops there), whether it
 * stopped early because it was asked to, and the inventory afterwards.
 */
public record Execution(List<Step> completed, Optional<Failure> failure, boolean stopped, Inventory inventory) {
    public Execution {
        completed = List.copyOf(completed);
    }

    public boolean succeeded() {
        return failure.isEmpty() && !stopped;
    }

    /**
     * The step that failed and why.
     *
     * @param undone what the failed change was undone to
     */
    public record Failure(Step step, BerthException error, Undone undone) {}
}

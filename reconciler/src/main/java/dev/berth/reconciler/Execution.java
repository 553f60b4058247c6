package dev.berth.reconciler;

import dev.berth.model.BerthException;
import dev.berth.model.plan.Step;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.Undone;
import java.util.List;
import java.util.Optional;

/**
 * What running a plan did: the steps that completed, the ones that failed (the executor stops after the first
 * failure, once the changes whose health windows ran with it are settled or undone, so there may be several),
 * whether it stopped early because it was asked to, and the inventory afterwards.
 */
public record Execution(List<Step> completed, List<Failure> failures, boolean stopped, Inventory inventory) {
    public Execution {
        completed = List.copyOf(completed);
        failures = List.copyOf(failures);
    }

    public boolean succeeded() {
        return failures.isEmpty() && !stopped;
    }

    /** The first failure, in plan order. */
    public Optional<Failure> failure() {
        return failures.stream().findFirst();
    }

    /** The failure of a step on {@code image}, if one failed. */
    public Optional<Failure> failureOf(String image) {
        return failures.stream().filter(f -> f.step().concerns(image)).findFirst();
    }

    /**
     * The step that failed and why.
     *
     * @param undone what the failed change was undone to
     */
    public record Failure(Step step, BerthException error, Undone undone) {}
}

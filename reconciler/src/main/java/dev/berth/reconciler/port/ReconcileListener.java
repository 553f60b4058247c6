package dev.berth.reconciler.port;

import dev.berth.model.BerthException;
import dev.berth.model.plan.Step;
import java.time.Duration;

/** Hears what the executor does, for logs and metrics. Every method has a do-nothing default. */
public interface ReconcileListener {
    ReconcileListener NONE = new ReconcileListener() {};

    default void stepStarted(Step step) {}

    default void stepSucceeded(Step step, Duration took) {}

    default void stepFailed(Step step, BerthException error, Duration took) {}

    /** A failed change was undone: the image is back at {@code restoredVersion}, or detached when that is empty. */
    default void rolledBack(String image, String restoredVersion, BerthException cause) {}
}

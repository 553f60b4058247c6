package dev.berth.reconciler.port;

import dev.berth.model.BerthException;
import dev.berth.model.plan.Step;
import dev.berth.model.state.Undone;
import java.time.Duration;
import java.util.List;

/** Hears what the executor does, for logs and metrics. Every method has a do-nothing default. */
public interface ReconcileListener {
    ReconcileListener NONE = new ReconcileListener() {};

    /** Tells every one of {@code listeners}, in order. */
    static ReconcileListener all(ReconcileListener... listeners) {
        return new ReconcileListener() {
            @Override
            public void stepStarted(Step step) {
                for (ReconcileListener l : listeners) {
                    l.stepStarted(step);
                }
            }

            @Override
            public void watching(List<Step> steps) {
                for (ReconcileListener l : listeners) {
                    l.watching(steps);
                }
            }

            @Override
            public void stepSucceeded(Step step, Duration took) {
                for (ReconcileListener l : listeners) {
                    l.stepSucceeded(step, took);
                }
            }

            @Override
            public void stepFailed(Step step, BerthException error, Duration took) {
                for (ReconcileListener l : listeners) {
                    l.stepFailed(step, error, took);
                }
            }

            @Override
            public void rolledBack(String image, Undone undone, BerthException cause) {
                for (ReconcileListener l : listeners) {
                    l.rolledBack(image, undone, cause);
                }
            }
        };
    }

    default void stepStarted(Step step) {}

    /**
     * The health windows of these steps' changes run now, together; each step then succeeds or fails. A step that
     * needs no window succeeds without this.
     */
    default void watching(List<Step> steps) {}

    default void stepSucceeded(Step step, Duration took) {}

    default void stepFailed(Step step, BerthException error, Duration took) {}

    /** A failed change was undone: the image is detached again, or back at an earlier version. */
    default void rolledBack(String image, Undone undone, BerthException cause) {}
}

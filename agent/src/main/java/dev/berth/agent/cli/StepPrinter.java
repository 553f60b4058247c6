package dev.berth.agent.cli;

import dev.berth.agent.render.PlanText;
import dev.berth.agent.render.UndoneView;
import dev.berth.model.BerthException;
import dev.berth.model.plan.Step;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.port.ReconcileListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** Prints each step as it runs, so a person watching apply sees where it is. */
final class StepPrinter implements ReconcileListener {
    private final PrintWriter out;

    StepPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void stepStarted(Step step) {
        out.println(PlanText.step(step));
        out.flush();
    }

    @Override
    public void watching(List<Step> steps) {
        if (steps.size() > 1) {
            out.println("      watching the health of " + PlanText.images(steps) + " together");
            out.flush();
        }
    }

    @Override
    public void stepSucceeded(Step step, Duration took) {
        out.println("      " + PlanText.subject(step) + " done in " + seconds(took));
        out.flush();
    }

    @Override
    public void stepFailed(Step step, BerthException error, Duration took) {
        out.println("      " + PlanText.subject(step) + " FAILED after " + seconds(took) + ": " + error.reason());
        out.flush();
    }

    @Override
    public void rolledBack(String image, Undone undone, BerthException cause) {
        out.println("      undone: " + image + " " + UndoneView.of(undone).describe());
        out.flush();
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}

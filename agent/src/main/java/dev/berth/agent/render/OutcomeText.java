package dev.berth.agent.render;

import dev.berth.reconciler.ImageOutcome;
import java.util.List;

/** Each image's outcome as a line a person reads at a glance: where it stands and, if not converged, why. */
public final class OutcomeText {
    private OutcomeText() {}

    public static List<String> lines(List<ImageOutcome> outcomes) {
        return outcomes.stream().map(OutcomeText::line).toList();
    }

    public static String line(ImageOutcome outcome) {
        return String.format("  %-14s %-9s %s", outcome.image(), word(outcome.state()), detail(outcome))
                .stripTrailing();
    }

    /** converged, pending, waiting, held, failed, drifted, removing. */
    public static String word(ImageOutcome.State state) {
        return switch (state) {
            case CONVERGED -> "converged";
            case PENDING -> "pending";
            case WAITING -> "waiting";
            case HELD -> "held";
            case FAILED -> "failed";
            case DRIFTED -> "drifted";
            case REMOVING -> "removing";
        };
    }

    private static String detail(ImageOutcome o) {
        String attached = o.attachedVersion().map(v -> "at " + v).orElse("not attached");
        return switch (o.state()) {
            case CONVERGED -> attached;
            case PENDING ->
                attached + ", still to do: " + o.desired().map(d -> d.version()).orElse("?");
            case WAITING ->
                attached + "; " + o.waiting().map(WaitView::describe).orElse("");
            case HELD -> attached + "; " + problem(o);
            case FAILED ->
                problem(o)
                        + (o.undone().any() ? "; " + UndoneView.of(o.undone()).describe() : "") + "; " + attached;
            case DRIFTED -> attached + "; " + o.drift().map(d -> d.what()).orElse("changed by hand");
            case REMOVING -> attached + "; to be detached";
        };
    }

    private static String problem(ImageOutcome o) {
        return o.problem()
                .map(p -> p.reason() + ": " + p.message().lines().findFirst().orElse(""))
                .orElse("");
    }
}

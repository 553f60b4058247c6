package dev.berth.reconciler;

import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import java.util.ArrayList;
import java.util.List;

/** A plan as short lines, so planner tests read as tables. */
final class PlanText {
    private PlanText() {}

    static List<String> of(Plan plan) {
        List<String> lines = new ArrayList<>();
        for (Step step : plan.steps()) {
            lines.add(line(step));
        }
        for (Finding finding : plan.findings()) {
            if (finding instanceof Finding.Refused r) {
                lines.add("refuse " + r.image() + " " + r.reason());
            } else if (finding instanceof Finding.Drifted d) {
                String kind = d.kind() == Finding.Drifted.Kind.LIMITS ? " LIMITS" : "";
                lines.add("drift " + d.image() + kind + (d.corrected() ? " corrected" : " reported"));
            } else if (finding instanceof Finding.Unmanaged u) {
                lines.add("unmanaged " + u.attached().label());
            }
        }
        return lines;
    }

    private static String line(Step step) {
        if (step instanceof Step.Fetch f) {
            return "fetch " + f.spec().label();
        } else if (step instanceof Step.Attach a) {
            return "attach " + a.spec().label();
        } else if (step instanceof Step.Upgrade u) {
            return "upgrade " + u.from().label() + " -> " + u.spec().version() + " "
                    + u.spec().profile();
        } else if (step instanceof Step.Start s) {
            return "start " + s.spec().label();
        } else if (step instanceof Step.Limit l) {
            String limits = l.spec().limits().byProperty().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .reduce((a, b) -> a + " " + b)
                    .orElse("none");
            return "limit " + l.spec().label() + " " + limits;
        } else if (step instanceof Step.Detach d) {
            return "detach " + d.managed().label() + (d.attached().isPresent() ? "" : " (not attached)")
                    + (d.files().isEmpty() ? "" : " delete " + names(d.files()));
        } else if (step instanceof Step.Prune p) {
            return "prune " + names(p.paths());
        }
        throw new AssertionError(step);
    }

    private static String names(List<String> paths) {
        return String.join(
                ",",
                paths.stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).toList());
    }
}

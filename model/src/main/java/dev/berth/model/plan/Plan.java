package dev.berth.model.plan;

import java.util.List;

/**
 * What one pass will do, in order: fetch everything first, then change images, then detach and prune. Also
 * what the planner found and leaves alone.
 */
public record Plan(List<Step> steps, List<Finding> findings) {
    public Plan {
        steps = List.copyOf(steps);
        findings = List.copyOf(findings);
    }

    /** True when the host already matches the manifest. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public List<Finding.Refused> refused() {
        return findings.stream()
                .filter(Finding.Refused.class::isInstance)
                .map(Finding.Refused.class::cast)
                .toList();
    }

    public List<Finding.Drifted> drifted() {
        return findings.stream()
                .filter(Finding.Drifted.class::isInstance)
                .map(Finding.Drifted.class::cast)
                .toList();
    }

    public List<Finding.Unmanaged> unmanaged() {
        return findings.stream()
                .filter(Finding.Unmanaged.class::isInstance)
                .map(Finding.Unmanaged.class::cast)
                .toList();
    }
}

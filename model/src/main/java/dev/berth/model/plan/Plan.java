package dev.berth.model.plan;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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

    /** This plan without its steps of one kind, e.g. without pruning while the host is suspended. */
    public Plan without(Class<? extends Step> kind) {
        return new Plan(steps.stream().filter(s -> !kind.isInstance(s)).toList(), findings);
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

    public List<Finding.Waiting> waiting() {
        return findings.stream()
                .filter(Finding.Waiting.class::isInstance)
                .map(Finding.Waiting.class::cast)
                .toList();
    }

    /** The earliest time a wait ends by itself, when the host should be looked at again. */
    public Optional<Instant> nextWaitEnds() {
        return waiting().stream()
                .map(w -> w.cause().ends())
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
    }

    public List<Finding.Unmanaged> unmanaged() {
        return findings.stream()
                .filter(Finding.Unmanaged.class::isInstance)
                .map(Finding.Unmanaged.class::cast)
                .toList();
    }
}

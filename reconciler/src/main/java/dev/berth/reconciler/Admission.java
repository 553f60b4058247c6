package dev.berth.reconciler;

import dev.berth.model.ImageSpec;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Manifest;
import dev.berth.model.Reason;
import dev.berth.model.plan.Finding;
import dev.berth.model.state.FailedChange;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.ManagedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which desired images the planner must leave exactly as they are, and why: those the host's local policy forbids,
 * and those whose very entry already failed for good (retried only once the manifest entry changes).
 */
final class Admission {
    private Admission() {}

    static Map<String, Finding.Refused> holds(Manifest desired, Inventory inventory, LocalPolicy policy) {
        Map<String, Finding.Refused> holds = new LinkedHashMap<>();
        for (ImageSpec spec : desired.images()) {
            Optional<String> violation = PolicyCheck.violation(spec, policy, desired.provenance());
            if (violation.isPresent()) {
                holds.put(spec.name(), new Finding.Refused(spec.name(), Reason.PolicyViolation, violation.get()));
                continue;
            }
            inventory
                    .failure(spec.name())
                    .filter(f -> f.holds(spec))
                    .ifPresent(
                            f -> holds.put(spec.name(), new Finding.Refused(spec.name(), f.reason(), notRetried(f))));
        }
        return holds;
    }

    /** Failures of entries the manifest no longer holds as they were: they do not hold anything any more. */
    static Inventory forgetStale(Manifest desired, Inventory inventory) {
        Inventory next = inventory;
        for (FailedChange failure : inventory.failures().values()) {
            boolean current = desired.image(failure.image()).map(failure::holds).orElse(false);
            if (!current) {
                next = next.withoutFailure(failure.image());
            }
        }
        return next;
    }

    /**
     * Each managed image remembers whether its manifest entry says {@code clean: true}, as the entry says now: the
     * image is removed when its entry is gone, and then only the inventory can tell.
     */
    static Inventory rememberClean(Manifest desired, Inventory inventory) {
        Inventory next = inventory;
        for (ManagedImage managed : inventory.images().values()) {
            boolean clean = desired.image(managed.name()).map(ImageSpec::clean).orElse(managed.clean());
            if (clean != managed.clean()) {
                next = next.with(managed.withClean(clean));
            }
        }
        return next;
    }

    private static String notRetried(FailedChange f) {
        return f.action().word() + " of " + f.image() + " " + f.version() + " (profile " + f.profile() + ") failed at "
                + f.at() + ": " + f.message().lines().findFirst().orElse("")
                + ". Not retried until its manifest entry changes (or run berth apply --retry)";
    }
}

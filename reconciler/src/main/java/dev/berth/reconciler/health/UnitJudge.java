package dev.berth.reconciler.health;

import dev.berth.model.host.UnitStatus;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure rule for one look at an image's units. Units started on demand (triggered by a socket, timer or path)
 * need not run, only not fail; every other unit must be active. A unit that restarted since the change, failed,
 * or stopped after it was seen running makes the image unhealthy at once.
 */
final class UnitJudge {
    private UnitJudge() {}

    /**
     * @param baseline NRestarts of each unit when the check began
     * @param seenActive units seen active earlier in this check
     */
    static Verdict judge(List<UnitStatus> units, Map<String, Long> baseline, Set<String> seenActive) {
        List<UnitStatus> relevant = units.stream().filter(u -> !u.isTemplate()).toList();
        if (relevant.isEmpty()) {
            return new Verdict.Waiting("the image has no units attached");
        }
        for (UnitStatus unit : relevant) {
            if (unit.isFailed()) {
                return new Verdict.Failed(unit.name(), unit.name() + " failed (result " + unit.result() + ")");
            }
            long before = baseline.getOrDefault(unit.name(), unit.restarts());
            if (unit.restarts() > before) {
                return new Verdict.Failed(
                        unit.name(),
                        unit.name() + " restarted " + (unit.restarts() - before) + " times (result " + unit.result()
                                + ")");
            }
        }
        for (UnitStatus unit : mustRun(relevant)) {
            if (!unit.isActive()) {
                if (seenActive.contains(unit.name()) && !unit.activeState().equals("activating")) {
                    return new Verdict.Failed(
                            unit.name(),
                            unit.name() + " stopped after it started (" + unit.activeState() + "/" + unit.subState()
                                    + ", result " + unit.result() + ")");
                }
                return new Verdict.Waiting(unit.name() + " is " + unit.activeState() + "/" + unit.subState());
            }
        }
        return new Verdict.Healthy();
    }

    /** Units nothing activates on demand. */
    static List<UnitStatus> mustRun(Collection<UnitStatus> units) {
        return units.stream()
                .filter(u -> u.triggeredBy().isEmpty() && !u.isTemplate())
                .toList();
    }
}

package dev.berth.reconciler.fake;

import dev.berth.model.host.UnitStatus;
import java.util.List;

/** The state of one fake unit; starting it does what its {@link TestImage.TestUnit.Kind} says. */
record UnitState(
        TestImage.TestUnit.Kind kind, String activeState, String result, long restarts, List<String> triggeredBy) {
    static UnitState inactive(TestImage.TestUnit unit, TestImage image) {
        List<String> triggers = image.units().stream()
                .filter(u -> u.kind() == TestImage.TestUnit.Kind.SOCKET)
                .filter(u ->
                        stem(u.name()).equals(stem(unit.name())) && !u.name().equals(unit.name()))
                .map(TestImage.TestUnit::name)
                .toList();
        return new UnitState(unit.kind(), "inactive", "success", 0, triggers);
    }

    boolean active() {
        return activeState.equals("active");
    }

    UnitState started(boolean restart) {
        if (kind == TestImage.TestUnit.Kind.EXITS_WITH_FAILURE) {
            return new UnitState(kind, "failed", "exit-code", restarts, triggeredBy);
        }
        return new UnitState(kind, "active", "success", restarts, triggeredBy);
    }

    /** The unit of a new image version, still in the state the old version's unit was in until restarted. */
    UnitState carrying(UnitState old) {
        return new UnitState(kind, old.activeState, old.result, old.restarts, triggeredBy);
    }

    UnitState failed() {
        return new UnitState(kind, "failed", "exit-code", restarts, triggeredBy);
    }

    UnitState restarted() {
        return new UnitState(kind, "active", "success", restarts + 1, triggeredBy);
    }

    UnitState stopped() {
        return new UnitState(kind, "inactive", result, restarts, triggeredBy);
    }

    UnitStatus status(String name) {
        String sub = switch (activeState) {
            case "active" -> kind == TestImage.TestUnit.Kind.SOCKET ? "listening" : "running";
            case "failed" -> "failed";
            default -> "dead";
        };
        return new UnitStatus(name, activeState, sub, result, restarts, triggeredBy);
    }

    private static String stem(String unit) {
        return unit.substring(0, unit.lastIndexOf('.'));
    }
}

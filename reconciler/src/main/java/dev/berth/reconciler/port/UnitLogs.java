package dev.berth.reconciler.port;

import java.util.List;

/** The last log lines of a unit, to say why it failed. */
@FunctionalInterface
public interface UnitLogs {
    UnitLogs NONE = (unit, lines) -> List.of();

    /** Up to {@code lines} of the unit's most recent log lines; empty when none can be read. Never throws. */
    List<String> tail(String unit, int lines);
}

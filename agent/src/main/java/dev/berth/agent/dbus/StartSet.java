package dev.berth.agent.dbus;

import dev.berth.model.host.UnitStatus;
import java.util.List;

/**
 * Which units of an image to start and which to leave to systemd. Templates cannot be started without an
 * instance; a unit triggered by a socket, timer or path is started by systemd on demand, and starting it by hand
 * would even make its socket fail ("Socket service ... already active, refusing").
 *
 * @param start units to StartUnit (or RestartUnit after a reattach)
 * @param onDemand triggered units: left alone on start, TryRestartUnit after a reattach
 */
record StartSet(List<String> start, List<String> onDemand) {
    StartSet {
        start = List.copyOf(start);
        onDemand = List.copyOf(onDemand);
    }

    static StartSet of(List<UnitStatus> units) {
        List<String> start = units.stream()
                .filter(u -> !u.isTemplate() && u.triggeredBy().isEmpty())
                .map(UnitStatus::name)
                .toList();
        List<String> onDemand = units.stream()
                .filter(u -> !u.isTemplate() && !u.triggeredBy().isEmpty())
                .map(UnitStatus::name)
                .toList();
        return new StartSet(start, onDemand);
    }

    /**
     * The units to restart after a reattach: the start set, less the sockets whose service is running now,
     * because systemd refuses to start a socket while its service is active (the running service keeps the
     * listening socket; the new socket unit applies when it next starts).
     */
    static List<String> restartable(List<UnitStatus> units) {
        return of(units).start().stream()
                .filter(name -> !name.endsWith(".socket") || !anyActiveTriggeredBy(name, units))
                .toList();
    }

    private static boolean anyActiveTriggeredBy(String trigger, List<UnitStatus> units) {
        return units.stream().anyMatch(u -> u.triggeredBy().contains(trigger) && u.isActive());
    }
}

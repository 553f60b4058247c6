package dev.berth.model.host;

import java.util.List;
import java.util.Objects;

/**
 * What systemd says about one unit of an attached image.
 *
 * @param activeState systemd's ActiveState: active, reloading, inactive, failed, activating, deactivating
 * @param result the Result property (success, exit-code, signal, ...); "success" for units without one
 * @param restarts NRestarts of a service; 0 for other units
 * @param triggeredBy units that activate this one on demand (a socket or timer), as systemd's TriggeredBy
 */
public record UnitStatus(
        String name, String activeState, String subState, String result, long restarts, List<String> triggeredBy) {
    public UnitStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(activeState, "activeState");
        Objects.requireNonNull(subState, "subState");
        Objects.requireNonNull(result, "result");
        triggeredBy = List.copyOf(triggeredBy);
    }

    public boolean isActive() {
        return activeState.equals("active") || activeState.equals("reloading");
    }

    public boolean isFailed() {
        return activeState.equals("failed");
    }

    public boolean isService() {
        return name.endsWith(".service");
    }

    /** Sockets, timers and paths activate other units; a target is reached. */
    public boolean isTrigger() {
        return name.endsWith(".socket") || name.endsWith(".timer") || name.endsWith(".path");
    }

    public boolean isTemplate() {
        return name.contains("@.");
    }
}

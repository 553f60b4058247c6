package dev.berth.model.host;

import java.util.Arrays;

/** The seven image states of systemd-portabled, spelled as on the bus; anything else is refused. */
public enum PortableState {
    DETACHED("detached"),
    ATTACHED("attached"),
    ATTACHED_RUNTIME("attached-runtime"),
    ENABLED("enabled"),
    ENABLED_RUNTIME("enabled-runtime"),
    RUNNING("running"),
    RUNNING_RUNTIME("running-runtime");

    private final String wire;

    PortableState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static PortableState fromWire(String text) {
        return Arrays.stream(values())
                .filter(s -> s.wire.equals(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown portable image state: " + text));
    }

    public boolean isAttached() {
        return this != DETACHED;
    }

    public boolean isRuntime() {
        return wire.endsWith("-runtime");
    }

    public boolean isRunning() {
        return this == RUNNING || this == RUNNING_RUNTIME;
    }

    public boolean isEnabled() {
        return this == ENABLED || this == ENABLED_RUNTIME || isRunning();
    }

    @Override
    public String toString() {
        return wire;
    }
}

package dev.berth.agent;

import dev.berth.agent.wiring.Machine;

/** A machine whose hostname and machine-id a test chooses. */
public record FixedMachine(String hostname, String machineId) implements Machine {
    public static final FixedMachine DEFAULT = new FixedMachine("fake-host", "0123456789abcdef0123456789abcdef");
}

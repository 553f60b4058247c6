package dev.berth.agent.wiring;

/** What the operating system says this machine is: the facts a host's identity is built from. */
public interface Machine {
    /** The kernel's hostname: the host's name unless its configuration gives another. */
    String hostname();

    /** The 32 lowercase hexadecimal digits of the machine-id, stable for the life of the installation. */
    String machineId();
}

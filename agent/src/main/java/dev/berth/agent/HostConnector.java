package dev.berth.agent;

import dev.berth.agent.cli.HostOptions;

/** Opens the adapters a command needs; the real one talks D-Bus, tests hand in fakes. */
@FunctionalInterface
public interface HostConnector {
    Host open(HostOptions options);
}

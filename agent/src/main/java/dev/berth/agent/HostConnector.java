package dev.berth.agent;

import dev.berth.agent.cli.HostOptions;
import java.util.function.LongConsumer;

/** Opens the adapters a command needs; the real one talks D-Bus, tests hand in fakes. */
@FunctionalInterface
public interface HostConnector {
    /** @param downloaded told the number of image bytes each time some arrive */
    Host open(HostOptions options, LongConsumer downloaded);
}

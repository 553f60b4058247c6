package dev.berth.agent.wiring;

import dev.berth.agent.config.Settings;
import java.util.function.LongConsumer;

/** Opens the outside world for the given settings; the real one talks D-Bus, tests hand in fakes. */
@FunctionalInterface
public interface HostConnector {
    /**
     * Opens the host for {@code settings}.
     *
     * @param downloaded told the number of image bytes each time some arrive
     */
    Host open(Settings settings, LongConsumer downloaded);
}

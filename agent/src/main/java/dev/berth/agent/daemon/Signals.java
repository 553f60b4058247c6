package dev.berth.agent.daemon;

import org.slf4j.LoggerFactory;

/** SIGHUP asks for a pass now, as for most daemons; SIGTERM is the JVM's shutdown hook. */
final class Signals {
    private Signals() {}

    @SuppressWarnings("restriction")
    static void onHangup(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LoggerFactory.getLogger(Signals.class).warn("SIGHUP cannot be handled here: {}", e.getMessage());
        }
    }
}

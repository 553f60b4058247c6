package dev.berth.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills the containers still running when the JVM exits, so a crashed or interrupted test run leaves no
 * systemd-nspawn behind. Only containers this JVM booted are ever registered.
 */
final class ContainerReaper {
    private static final Set<SystemdContainer> RUNNING = ConcurrentHashMap.newKeySet();
    private static boolean hookInstalled;

    private ContainerReaper() {}

    static synchronized void register(SystemdContainer container) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ContainerReaper::killAll, "berth-container-reaper"));
            hookInstalled = true;
        }
        RUNNING.add(container);
    }

    static void unregister(SystemdContainer container) {
        RUNNING.remove(container);
    }

    private static void killAll() {
        for (SystemdContainer container : RUNNING) {
            try {
                container.kill();
            } catch (RuntimeException e) {
                System.err.println("berth testkit: could not kill container " + container.name() + ": " + e);
            }
        }
    }
}

package dev.berth.agent.systemd;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the notifier that fits the environment; never throws. */
final class NotifierFactory {
    private static final Logger log = LoggerFactory.getLogger(NotifierFactory.class);

    private NotifierFactory() {}

    static SystemdNotifier create(Map<String, String> env, long pid, String library) {
        NotifyEnvironment environment = NotifyEnvironment.read(env, pid);
        environment.problem().ifPresent(log::warn);
        if (environment.notifySocket().isEmpty()) {
            return NoopNotifier.INSTANCE;
        }
        try {
            return LibsystemdNotifier.load(library, environment.watchdogInterval())
                    .<SystemdNotifier>map(n -> n)
                    .orElse(NoopNotifier.INSTANCE);
        } catch (LinkageError e) {
            // JNA itself could not be loaded (its classes or its native part).
            log.warn("cannot use JNA to reach systemd ({}); the agent runs without notifying systemd", e.toString());
            return NoopNotifier.INSTANCE;
        }
    }
}

package dev.berth.agent.systemd;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny Type=notify service that SystemdServiceIT runs inside a real systemd: it logs one line per level, says READY
 * and a STATUS, pings the watchdog while {@value #HANG} is absent, and on SIGTERM finishes a "step" of the length
 * given as its argument (milliseconds) before it exits.
 */
public final class NotifyProbe {
    static final String HANG = "/run/notify-probe-hang";
    static final String STATUS = "probe: 3 images converged";

    private NotifyProbe() {}

    public static void main(String[] args) throws InterruptedException {
        Duration step = Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 0);
        boolean journal = Logging.configureForDaemon(Level.INFO);
        Logger log = LoggerFactory.getLogger(NotifyProbe.class);
        SystemdNotifier notifier = SystemdNotifier.fromEnvironment();
        log.info("probe info line: journal={} notifier={}", journal, notifier);
        log.warn("probe warn line");
        log.error("probe error line", new IllegalStateException("probe failure"));
        Optional<Watchdog> watchdog = Watchdog.start(notifier, () -> !Files.exists(Path.of(HANG)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> finishStep(notifier, log, step)));
        notifier.status(STATUS);
        notifier.ready();
        log.info("probe ready, watchdog {}", watchdog.map(Watchdog::interval));
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void finishStep(SystemdNotifier notifier, Logger log, Duration step) {
        notifier.stopping();
        notifier.status("probe: finishing its step");
        log.info("probe stopping: finishing the current step");
        try {
            Thread.sleep(step.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("probe step done");
    }
}

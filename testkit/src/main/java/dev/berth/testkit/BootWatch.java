package dev.berth.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for a starting container: first its systemd process, then systemd reporting the system as running. */
final class BootWatch {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Logger log = LoggerFactory.getLogger(BootWatch.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int LOG_TAIL_LINES = 40;

    private final SystemdContainer container;
    private final NspawnProcess nspawn;
    private final Duration timeout;
    private final long deadline;

    BootWatch(SystemdContainer container, NspawnProcess nspawn, Duration timeout) {
        this.container = container;
        this.nspawn = nspawn;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    void await() {
        nspawn.initStarted(awaitInit());
        while (true) {
            requireNspawnAlive();
            CommandResult result = container.exec(Duration.ofSeconds(10), "systemctl", "is-system-running");
            String state = result.stdout().strip();
            if (state.equals("running")) {
                return;
            }
            if (state.equals("degraded")) {
                log.warn(
                        "container {} booted degraded; failed units:\n{}",
                        container.name(),
                        container
                                .exec(Duration.ofSeconds(5), "systemctl", "--failed", "--no-legend", "--no-pager")
                                .stdout());
                return;
            }
            if (System.nanoTime() > deadline) {
                throw failure("did not reach 'running' within " + timeout + " (last state: '" + state + "'; jobs:\n"
                        + container
                                .exec(Duration.ofSeconds(5), "systemctl", "list-jobs", "--no-pager")
                                .stdout()
                                .strip()
                        + ")");
            }
            sleep();
        }
    }

    /** The container's PID 1: the child of systemd-nspawn that is PID 1 in its own PID namespace. */
    private ProcessHandle awaitInit() {
        while (true) {
            requireNspawnAlive();
            Optional<ProcessHandle> init = nspawn.process()
                    .children()
                    .filter(BootWatch::isNamespaceInit)
                    .findFirst();
            if (init.isPresent()) {
                return init.get();
            }
            if (System.nanoTime() > deadline) {
                throw failure("started no systemd within " + timeout);
            }
            sleep();
        }
    }

    private static boolean isNamespaceInit(ProcessHandle process) {
        try {
            // "NSpid: 4242 1" lists the PID in each nested namespace, outermost first.
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("NSpid:")) {
                    String[] pids = WHITESPACE.split(line.substring(6).trim(), -1);
                    return pids.length > 1 && pids[pids.length - 1].equals("1");
                }
            }
            return false;
        } catch (IOException e) {
            return false; // it exited meanwhile
        }
    }

    private void requireNspawnAlive() {
        if (!nspawn.process().isAlive()) {
            throw failure("systemd-nspawn exited with " + nspawn.process().exitValue() + " while booting");
        }
    }

    private TestHostException failure(String what) {
        return new TestHostException(
                "container " + container.name() + " (" + container.suite().codename() + ") " + what + "\nconsole log "
                        + container.consoleLog() + ", last lines:\n" + tail(container.consoleLog()));
    }

    static String tail(Path file) {
        try {
            List<String> lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestHostException("interrupted while waiting for a container to boot", e);
        }
    }
}

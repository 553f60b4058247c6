package dev.berth.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running systemd-nspawn and the container's systemd below it, and how to get rid of both. */
final class NspawnProcess {
    private static final Logger log = LoggerFactory.getLogger(NspawnProcess.class);

    private final String name;
    private final Process process;
    private volatile @Nullable ProcessHandle init;

    private NspawnProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts systemd-nspawn with its console output appended to {@code consoleLog}. */
    static NspawnProcess start(String name, List<String> argv, Path consoleLog) throws IOException {
        Files.createDirectories(consoleLog.getParent());
        Process process = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()))
                .redirectErrorStream(true)
                .start();
        return new NspawnProcess(name, process);
    }

    Process process() {
        return process;
    }

    Optional<ProcessHandle> init() {
        return Optional.ofNullable(init);
    }

    void initStarted(ProcessHandle handle) {
        this.init = handle;
    }

    boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * Kills what is left of the container: its systemd, which takes its whole PID namespace along, and then, if
     * systemd-nspawn still runs, everything below it and the process group it leads. Killing only systemd-nspawn
     * would leave the container's systemd running, orphaned. Only processes this container started are touched.
     */
    void kill() {
        ProcessHandle handle = init;
        if (handle != null) {
            handle.destroyForcibly(); // ProcessHandle checks the start time, so a reused PID is never hit
        } else {
            process.children().forEach(ProcessHandle::destroyForcibly); // still booting: its systemd is not known yet
        }
        if (waitForExit(handle != null ? Duration.ofSeconds(10) : Duration.ofSeconds(2))) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            // setsid made systemd-nspawn the leader of its own process group.
            Command.of("kill", "-KILL", "--", "-" + process.pid())
                    .withTimeout(Duration.ofSeconds(5))
                    .run();
        }
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
        removePropagationDirectory();
    }

    /** A killed systemd-nspawn leaves its (empty) directory for "machinectl bind" behind on the machine. */
    private void removePropagationDirectory() {
        try {
            Files.deleteIfExists(Path.of("/run/systemd/nspawn/propagate", name));
        } catch (IOException e) {
            log.warn("cannot remove /run/systemd/nspawn/propagate/{}: {}", name, e.toString());
        }
    }
}

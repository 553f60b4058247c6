package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real systemd (with systemd-portabled) booted in systemd-nspawn from the cached root file system of a
 * {@link Suite}. The container shares the machine's network namespace; everything else it writes vanishes when it is
 * closed. Several can run at once. See docs/testing.md.
 *
 * <pre>{@code
 * try (SystemdContainer host = SystemdContainer.boot(Suite.fromSystemProperty())) {
 *     host.execOk("portablectl", "list");
 * }
 * }</pre>
 */
public final class SystemdContainer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SystemdContainer.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Map<String, String> EXEC_ENV =
            Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C.UTF-8");
    private static final Duration POWEROFF_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SYSTEMD_VERSION = Pattern.compile("^systemd (\\d+)");

    private final Suite suite;
    private final String name;
    private final NspawnProcess nspawn;
    private final Path consoleLog;
    private boolean closed;

    private SystemdContainer(Suite suite, String name, NspawnProcess nspawn, Path consoleLog) {
        this.suite = suite;
        this.name = name;
        this.nspawn = nspawn;
        this.consoleLog = consoleLog;
    }

    public static SystemdContainer boot(Suite suite) {
        return boot(suite, ContainerOptions.defaults());
    }

    /**
     * Boots a container and waits until systemd reports {@code running} (or {@code degraded}, after logging the
     * failed units). Runs {@code scripts/prepare-test-host.sh} first; fails, never skips, when the machine is not
     * ready or the container does not boot within the options' timeout.
     */
    public static SystemdContainer boot(Suite suite, ContainerOptions options) {
        Path rootfs = TestHost.rootfs(suite);
        // The JVM's PID keeps names unique across test JVMs running at the same time.
        String name =
                "berth-" + suite.codename() + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        List<String> argv = NspawnCommand.argv(rootfs, name, TestHost.loopNodes(rootfs), options.binds());
        Path consoleLog = options.logDirectory().resolve(name + ".log");
        NspawnProcess nspawn;
        try {
            nspawn = NspawnProcess.start(name, argv, consoleLog);
        } catch (IOException e) {
            throw new TestHostException(
                    "cannot start systemd-nspawn for " + name + ": " + e.getMessage()
                            + "; run: sudo scripts/prepare-test-host.sh " + suite.codename(),
                    e);
        }
        SystemdContainer container = new SystemdContainer(suite, name, nspawn, consoleLog);
        ContainerReaper.register(container);
        long started = System.nanoTime();
        try {
            new BootWatch(container, nspawn, options.bootTimeout()).await();
        } catch (RuntimeException e) {
            nspawn.kill();
            ContainerReaper.unregister(container);
            throw e;
        }
        log.info(
                "container {} ({}) is up in {} ms, console log {}",
                name,
                suite.codename(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                consoleLog);
        return container;
    }

    public String name() {
        return name;
    }

    public Suite suite() {
        return suite;
    }

    /** The container's systemd (PID 1 inside), a child of systemd-nspawn, as the machine numbers it. */
    public long pid() {
        return nspawn.init()
                .orElseThrow(() -> new IllegalStateException("container " + name + " has not started systemd yet"))
                .pid();
    }

    /** The systemd-nspawn process; it exits when the container has powered off. */
    public ProcessHandle nspawnProcess() {
        return nspawn.process().toHandle();
    }

    /** The console output of the container: systemd-nspawn's messages and the boot log. */
    public Path consoleLog() {
        return consoleLog;
    }

    /** The D-Bus address of the container's system bus, usable from the machine. */
    public String busAddress() {
        return "unix:path=" + hostPath("/run/dbus/system_bus_socket");
    }

    /**
     * Where a path of the container can be read and written from the machine ({@code /proc/PID/root/...}). An
     * absolute symbolic link met on the way resolves on the machine, not in the container: use real paths.
     */
    public Path hostPath(String containerPath) {
        if (!containerPath.startsWith("/")) {
            throw new IllegalArgumentException("container path must be absolute: " + containerPath);
        }
        return Path.of("/proc", Long.toString(pid()), "root").resolve(containerPath.substring(1));
    }

    /** Runs a command inside the container (all its namespaces, a clean environment) with a 60 s timeout. */
    public CommandResult exec(String... command) {
        return exec(Command.DEFAULT_TIMEOUT, command);
    }

    public CommandResult exec(Duration timeout, String... command) {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/nsenter", "-t", Long.toString(pid()), "-a", "--"));
        argv.addAll(List.of(command));
        return Command.of(argv).withEnvironment(EXEC_ENV).withTimeout(timeout).run();
    }

    /** Runs a command inside the container; throws with the command's whole output unless it exits 0. */
    public CommandResult execOk(String... command) {
        CommandResult result = exec(command);
        if (!result.ok()) {
            throw new TestHostException("in container " + name + ": " + result.describe());
        }
        return result;
    }

    /** Copies a file or a directory tree of the machine to {@code containerPath}, creating parent directories. */
    public Path copyIn(Path source, String containerPath) {
        try {
            return Trees.copy(source, hostPath(containerPath));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + containerPath + " in " + name, e);
        }
    }

    /** Writes a text file inside the container, creating parent directories. */
    public Path writeFile(String containerPath, String content) {
        Path target = hostPath(containerPath);
        try {
            Files.createDirectories(target.getParent());
            return Files.writeString(target, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + containerPath + " in " + name, e);
        }
    }

    /** The last 50 journal lines of a unit, for test failure messages; never throws. */
    public String journal(String unit) {
        return journal(unit, 50);
    }

    public String journal(String unit, int lines) {
        try {
            CommandResult result = exec(
                    Duration.ofSeconds(20),
                    "journalctl",
                    "--no-pager",
                    "-o",
                    "short-precise",
                    "-n",
                    Integer.toString(lines),
                    "-u",
                    unit);
            return result.ok() ? result.stdout() : result.describe();
        } catch (RuntimeException e) {
            return "(no journal for " + unit + " in " + name + ": " + e.getMessage() + ")";
        }
    }

    /** The major version of the container's systemd, e.g. 252. */
    public int systemdVersion() {
        String out = execOk("systemctl", "--version").stdout();
        Matcher matcher = SYSTEMD_VERSION.matcher(out);
        if (!matcher.find()) {
            throw new TestHostException("cannot read the systemd version in " + name + " from: " + out);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** Whether systemd-nspawn still runs. */
    public boolean isRunning() {
        return nspawn.process().isAlive();
    }

    /**
     * Powers the container off, waits up to 30 s for systemd-nspawn to exit, then kills what is left. Idempotent.
     * Throws if systemd-nspawn still runs afterwards.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (isRunning()) {
                try {
                    exec(Duration.ofSeconds(10), "systemctl", "poweroff", "--no-block");
                } catch (TestHostException e) {
                    log.warn("poweroff of {} did not go through: {}", name, e.getMessage());
                }
                if (!nspawn.waitForExit(POWEROFF_TIMEOUT)) {
                    log.warn("container {} did not power off within {}; killing it", name, POWEROFF_TIMEOUT);
                }
            }
            nspawn.kill();
        } finally {
            ContainerReaper.unregister(this);
        }
        if (isRunning()) {
            throw new TestHostException(
                    "systemd-nspawn " + nspawn.process().pid() + " of container " + name + " still runs after SIGKILL");
        }
    }

    /** For the shutdown hook: no poweroff, just kill. */
    void kill() {
        nspawn.kill();
    }

    @Override
    public String toString() {
        return "SystemdContainer[" + name + ", " + suite.codename() + "]";
    }
}

package dev.berth.agent.systemd;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the agent in the shipped berth-agent.service (BerthAgentUnitIT swaps only its ExecStart) and checks
 * that the agent's work is possible under the unit's hardening, and that what it should not do is refused. It runs
 * {@code berth apply ARGS} as a child under the same sandbox (git, downloads, the pool, D-Bus to portabled), then
 * reports in STATUS= and stays up, pinging the watchdog.
 */
public final class HardeningProbe {
    static final String JAR = "/usr/lib/berth/berth.jar";
    static final String PRIVATE_TMP_MARKER = "/tmp/hardening-probe-private";

    private HardeningProbe() {}

    public static void main(String[] args) throws InterruptedException {
        Logging.configureForDaemon(Level.INFO);
        Logger log = LoggerFactory.getLogger(HardeningProbe.class);
        SystemdNotifier notifier = SystemdNotifier.fromEnvironment();
        Map<String, Callable<Boolean>> checks = new LinkedHashMap<>();
        checks.put("sd_notify through JNA", () -> notifier instanceof LibsystemdNotifier);
        checks.put("berth apply", () -> apply(args) == 0);
        checks.put("writes the pool", () -> writes(Path.of("/var/lib/portables/.#hardening-probe")));
        checks.put("writes the state directory", () -> writes(Path.of("/var/lib/berth/hardening-probe")));
        checks.put(
                "resolves localhost", () -> InetAddress.getByName("localhost").isLoopbackAddress());
        checks.put("cannot write /etc", () -> !writes(Path.of("/etc/hardening-probe")));
        checks.put("cannot write /usr", () -> !writes(Path.of("/usr/hardening-probe")));
        checks.put("cannot see /root", () -> !lists(Path.of("/root")));
        checks.put("writes its own /tmp", () -> writes(Path.of(PRIVATE_TMP_MARKER), false));
        checks.put("sees no loop devices", () -> !Files.exists(Path.of("/dev/loop-control")));
        checks.put(
                "has no capabilities",
                () -> status("CapEff").matches("0+") && status("CapBnd").matches("0+"));
        checks.put("cannot gain privileges", () -> status("NoNewPrivs").equals("1"));
        checks.put("runs under a system call filter", () -> status("Seccomp").equals("2"));
        // Without a user namespace the map is "0 0 4294967295": every user id.
        checks.put(
                "maps only root",
                () -> List.of(Files.readString(Path.of("/proc/self/uid_map"))
                                .trim()
                                .split("\\s+"))
                        .equals(List.of("0", "0", "1")));
        List<String> failed = new ArrayList<>();
        checks.forEach((name, check) -> {
            boolean ok;
            try {
                ok = check.call();
            } catch (Exception e) {
                log.error("check '{}' threw", name, e);
                ok = false;
            }
            log.info("check '{}': {}", name, ok ? "ok" : "FAILED");
            if (!ok) {
                failed.add(name);
            }
        });
        notifier.status(
                failed.isEmpty()
                        ? "hardening probe: all " + checks.size() + " checks passed"
                        : "hardening probe: FAILED " + String.join(", ", failed));
        notifier.ready();
        Watchdog.start(notifier, () -> true);
        Thread.sleep(Long.MAX_VALUE);
    }

    /** {@code java FLAGS -jar berth.jar apply ARGS} with this JVM's own flags, its output in this unit's journal. */
    private static int apply(String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("/usr/bin/java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-jar", JAR, "apply"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static boolean writes(Path file) {
        return writes(file, true);
    }

    private static boolean writes(Path file, boolean delete) {
        try {
            Files.writeString(file, "probe");
            if (delete) {
                Files.delete(file);
            }
            return true;
        } catch (IOException e) {
            LoggerFactory.getLogger(HardeningProbe.class).info("writing {}: {}", file, e.toString());
            return false;
        }
    }

    /** A field of /proc/self/status, such as CapEff or NoNewPrivs. */
    private static String status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        return "";
    }

    private static boolean lists(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }
}

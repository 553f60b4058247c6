package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.CommandResult;
import dev.berth.testkit.ContainerOptions;
import dev.berth.testkit.Suite;
import dev.berth.testkit.SystemdContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A real systemd host with the berth jar in it, as an operator would have: the tests run {@code berth} INSIDE the
 * container and look at the host with systemctl and portablectl. The host has an agent configuration
 * (/etc/berth/agent.yaml) that plan and apply read as the agent would: the manifest at {@link #MANIFEST}, images
 * over plain http, a one-second health window.
 */
final class BerthHost implements AutoCloseable {
    static final String JAR = "/opt/berth/berth.jar";
    static final String MANIFEST = "/etc/berth/manifest.yaml";
    static final String POOL = "/var/lib/portables";
    static final String CONFIG = "/etc/berth/agent.yaml";
    static final String TEST_CONFIG = """
            apiVersion: berth.dev/v1
            kind: AgentConfig
            source:
              manifest: /etc/berth/manifest.yaml
            health: {stableFor: 1s, timeout: 30s}
            policy: {allowHttp: true}
            metrics: {listen: "off"}
            """;

    final SystemdContainer container;

    private BerthHost(SystemdContainer container) {
        this.container = container;
    }

    static BerthHost boot() {
        return boot(ContainerOptions.defaults());
    }

    static BerthHost boot(ContainerOptions options) {
        Path jar = jar();
        BerthHost host =
                new BerthHost(SystemdContainer.boot(Suite.fromSystemProperty(), options.bindReadOnly(jar, JAR)));
        host.container.writeFile(CONFIG, TEST_CONFIG);
        return host;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("berth.jar", "../agent/target/berth.jar"))
                .toAbsolutePath()
                .normalize();
        assertThat(jar).as("the berth jar (mvn package builds it)").exists();
        return jar;
    }

    /** Runs {@code berth ARGS} inside the host and returns what it printed and its exit code. */
    CommandResult berth(String... args) {
        List<String> command =
                new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR));
        command.addAll(Arrays.asList(args));
        return container.exec(Duration.ofMinutes(3), command.toArray(String[]::new));
    }

    /**
     * Starts {@code berth ARGS} inside the host as the transient service {@code unit} and returns at once; the
     * service stays after it exits, so {@link #exitCode} can tell how it ended.
     */
    void startBerth(String unit, String... args) {
        List<String> command = new ArrayList<>(List.of(
                "systemd-run",
                "--unit=" + unit,
                "--property=RemainAfterExit=yes",
                "--property=StandardOutput=file:/tmp/" + unit + ".out",
                "--property=StandardError=file:/tmp/" + unit + ".err",
                java(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                JAR));
        command.addAll(Arrays.asList(args));
        container.execOk(command.toArray(String[]::new));
    }

    /** Waits for the transient service started by {@link #startBerth} to end; returns its exit code. */
    int exitCode(String unit, Duration within) {
        Awaitility.await(unit + " to finish")
                .atMost(within)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> property(unit + ".service", "SubState").equals("exited")
                        || property(unit + ".service", "ActiveState").equals("failed"));
        return Integer.parseInt(property(unit + ".service", "ExecMainStatus"));
    }

    /** {@code berth apply} with the host's configuration and its source, as an operator runs it. */
    CommandResult apply() {
        return berth("apply");
    }

    CommandResult plan() {
        return berth("plan");
    }

    void manifest(String yaml) {
        container.writeFile(MANIFEST, yaml);
    }

    String sh(String script) {
        return container.execOk("/bin/sh", "-c", script).stdout().strip();
    }

    String property(String unit, String property) {
        return sh("systemctl show --value -p " + property + " " + unit);
    }

    boolean active(String unit) {
        return container.exec("systemctl", "is-active", "--quiet", unit).ok();
    }

    /** Files in the pool, hidden ones included. */
    List<String> pool() {
        String listing = sh("ls -A " + POOL + " 2>/dev/null || true");
        return listing.isEmpty() ? List.of() : List.of(listing.split("\n"));
    }

    /** Names of the attached images as portablectl lists them ("hello_1.0 raw ... running"). */
    String portablectlList() {
        return sh("portablectl list --no-legend 2>/dev/null || true");
    }

    String inventory() {
        Path file = container.hostPath("/var/lib/berth/inventory.json");
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The units of the host that portabled attached, with their state: what must not change on bad input. */
    String attachedUnits() {
        return sh("for f in /etc/systemd/system.attached/*.service /etc/systemd/system.attached/*.socket; do"
                + " [ -e \"$f\" ] || continue; u=$(basename \"$f\");"
                + " echo \"$u $(systemctl show --value -p RootImage,ActiveState,MainPID $u | tr '\\n' ' ')\"; done");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        container.close();
    }
}

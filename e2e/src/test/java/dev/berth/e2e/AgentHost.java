package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.ContainerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A systemd host with Berth installed the way the README says: the jar in /usr/lib/berth, /usr/bin/berth, the
 * shipped berth-agent.service, /etc/berth/agent.yaml; the agent runs as that service.
 */
final class AgentHost implements AutoCloseable {
    static final String CONFIG = "/etc/berth/agent.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    final BerthHost host;

    private AgentHost(BerthHost host) {
        this.host = host;
    }

    static AgentHost install() {
        return install(ContainerOptions.defaults());
    }

    static AgentHost install(ContainerOptions options) {
        BerthHost host = BerthHost.boot(options.bindReadOnly(BerthHost.jar(), "/usr/lib/berth/berth.jar"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        host.container.execOk("ln", "-sf", java, "/usr/bin/java");
        host.container.copyIn(Repo.root().resolve("packaging/berth"), "/usr/bin/berth");
        host.container.execOk("chmod", "0755", "/usr/bin/berth");
        host.container.copyIn(
                Repo.root().resolve("packaging/berth-agent.service"), "/etc/systemd/system/berth-agent.service");
        host.container.execOk("systemctl", "daemon-reload");
        return new AgentHost(host);
    }

    /** A configuration for tests: short intervals and health windows, images over http from the test. */
    static String config(String gitUrl, String extra) {
        return config(gitUrl, extra, "off");
    }

    static String config(String gitUrl, String extra, String metricsListen) {
        return config(gitUrl, extra, metricsListen, "3s");
    }

    static String config(String gitUrl, String extra, String metricsListen, String interval) {
        return """
                apiVersion: berth.dev/v1
                kind: AgentConfig
                source:
                  git:
                    url: %s
                    path: hosts/web
                interval: %s
                jitter: 0
                backoff: {base: 1s, cap: 5s}
                health: {stableFor: 2s, timeout: 20s}
                policy: {allowHttp: true}
                metrics: {listen: "%s"}
                %s
                """.formatted(gitUrl, interval, metricsListen, extra);
    }

    void start(String config) {
        systemctl("start", config);
    }

    /** Writes a new configuration and restarts the agent, as an operator does after editing agent.yaml. */
    void restart(String config) {
        systemctl("restart", config);
    }

    private void systemctl(String verb, String config) {
        host.container.writeFile(CONFIG, config);
        CommandResult result = host.container.exec("systemctl", verb, "berth-agent");
        if (!result.ok()) {
            throw new AssertionError("berth-agent did not " + verb + ": " + result.describe() + "\njournal:\n"
                    + host.container.journal("berth-agent", 80));
        }
    }

    /** SIGHUP: a pass now instead of at the next tick. */
    void poke() {
        host.container.exec("systemctl", "kill", "--signal=HUP", "berth-agent");
    }

    /** kill -9 of the agent's JVM, as a person (or the OOM killer) would; systemd restarts it (Restart=on-failure). */
    void kill9() {
        host.container.execOk("/bin/sh", "-c", "kill -9 " + mainPid());
    }

    CommandResult status() {
        return host.container.exec("/usr/bin/berth", "status");
    }

    /** The agent's status.json, or null before its first pass. */
    JsonNode statusJson() {
        Path file = host.container.hostPath("/var/lib/berth/status.json");
        try {
            return Files.exists(file) ? JSON.readTree(Files.readAllBytes(file)) : null;
        } catch (IOException e) {
            return null;
        }
    }

    JsonNode image(JsonNode status, String name) {
        for (JsonNode image : status.path("images")) {
            if (image.path("name").asText().equals(name)) {
                return image;
            }
        }
        return JSON.missingNode();
    }

    /** Waits until the agent's status satisfies {@code condition}; fails with the status and the journal if not. */
    JsonNode awaitStatus(String what, Duration within, Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        try {
            Awaitility.await(what)
                    .atMost(within)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        seen[0] = statusJson();
                        return seen[0] != null && condition.test(seen[0]);
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    what + " did not happen within " + within + "; last status:\n" + seen[0] + "\njournal:\n"
                            + host.container.journal("berth-agent", 60),
                    e);
        }
        return seen[0];
    }

    /** The last pass applied {@code revision} and converged. */
    JsonNode awaitConverged(String revision) {
        return awaitStatus(
                "convergence at " + revision.substring(0, 12),
                Duration.ofSeconds(90),
                s -> revision.equals(s.at("/lastPass/revision").asText())
                        && s.at("/lastPass/outcome").asText().equals("CONVERGED"));
    }

    String inventory() {
        return host.inventory();
    }

    long mainPid() {
        return Long.parseLong(host.property("berth-agent", "MainPID"));
    }

    void assertRunning() {
        assertThat(host.property("berth-agent", "ActiveState")).isEqualTo("active");
    }

    @Override
    public void close() {
        host.close();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.berth.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One host of a test fleet: Berth installed as the README says, with its own name and labels in agent.yaml, its own
 * metrics port (the test hosts share the machine's 127.0.0.1), a trigger secret, and the fleet's Prometheus to ask.
 */
final class FleetHost implements AutoCloseable {
    static final String SECRET_FILE = "/etc/berth/trigger.secret";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern ROOT_IMAGE = Pattern.compile("/var/lib/portables/[^/_]+_(.+)\\.raw");

    final String name;
    final AgentHost agent;
    final int metricsPort = FreePort.pick();
    private final String labels;
    private String running = "";

    private FleetHost(String name, String labels, AgentHost agent) {
        this.name = name;
        this.labels = labels;
        this.agent = agent;
    }

    /** Boots a host with Berth installed and {@code secret} in the trigger's secret file; the agent is not started. */
    static FleetHost install(String name, String labels, String secret) {
        AgentHost agent = AgentHost.install();
        agent.host.container.writeFile(SECRET_FILE, secret + "\n");
        agent.host.container.execOk("chmod", "0600", SECRET_FILE);
        return new FleetHost(name, labels, agent);
    }

    /** Where the agent serves /metrics and /trigger, as Prometheus's targets name it. */
    String metricsAddress() {
        return "127.0.0.1:" + metricsPort;
    }

    /**
     * The test configuration (AgentHost.config) for this host of the fleet, with a pass every {@code interval} and
     * {@code extra} top-level settings (a maintenance window, say).
     */
    String config(String gitUrl, URI prometheus, String interval, String extra) {
        String fleetHost = """
                host: {name: %s, labels: %s}
                fleet: {prometheus: "%s", timeout: 5s}
                trigger: {secretFile: %s}
                """.formatted(name, labels, prometheus, SECRET_FILE);
        return AgentHost.config(gitUrl, fleetHost + extra, metricsAddress(), interval);
    }

    /** Runs the agent with {@code config}: starts it, restarts it if it runs with another one, or leaves it be. */
    void run(String config) {
        if (config.equals(running)) {
            return;
        }
        if (running.isEmpty()) {
            agent.start(config);
        } else {
            agent.restart(config);
        }
        running = config;
    }

    /** Runs {@code berth ARGS} on the host as an operator would (the /usr/bin/berth wrapper). */
    CommandResult berth(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "/usr/bin/berth";
        System.arraycopy(args, 0, command, 1, args.length);
        return agent.host.container.exec(command);
    }

    /** The version of {@code image} whose unit systemd has loaded right now (what portabled attached), if any. */
    Optional<String> attached(String image) {
        Matcher version = ROOT_IMAGE.matcher(agent.host.property(image + ".service", "RootImage"));
        return version.matches() ? Optional.of(version.group(1)) : Optional.empty();
    }

    /** The image as the agent's status.json shows it after its last pass (a missing node before the first). */
    JsonNode image(String image) {
        JsonNode status = agent.statusJson();
        return status == null ? MissingNode.getInstance() : agent.image(status, image);
    }

    /** When the agent's last pass started, or {@link Instant#EPOCH} before its first. */
    Instant lastPassStarted() {
        JsonNode status = agent.statusJson();
        return status == null
                ? Instant.EPOCH
                : Instant.parse(status.at("/lastPass/started").asText());
    }

    /** POST /trigger with {@code body} and the signature header a forge sends, and a delivery id. */
    HttpResponse<String> trigger(String body, String signature) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + metricsAddress() + "/trigger"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signature)
                .header("X-GitHub-Delivery", "fleet-it-" + System.nanoTime())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code sha256=HEX}: the HMAC-SHA256 of the body with the secret, as GitHub, Gitea and Forgejo sign a delivery. */
    static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        agent.close();
    }

    @Override
    public String toString() {
        return name;
    }
}

package dev.berth.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testkit.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A real Prometheus (Debian's package) on 127.0.0.1, scraping its targets every second in the job {@code berth}
 * with Berth's alert rules, as the README's "Dashboard and alerts" sets it up.
 */
final class PrometheusServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static PrometheusServer start(Path dir, String target, Path rules) throws IOException {
        return start(dir, List.of(target), rules);
    }

    /** Scrapes every one of {@code targets} (host:port) in one job, like the agents of a fleet. */
    static PrometheusServer start(Path dir, List<String> targets, Path rules) throws IOException {
        int port = FreePort.pick();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: berth
                    static_configs:
                      - targets: [%s]
                """.formatted(
                        rules, targets.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "))));
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(List.of(
                        "/usr/bin/prometheus",
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, port, log);
        Awaitility.await("Prometheus ready").atMost(Duration.ofSeconds(60)).until(server::ready);
        return server;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new AssertionError("prometheus exited: " + logTail());
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(uri("/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The result vector of an instant query. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .at("/data/result");
    }

    /** The alerts Prometheus's rules produce now (pending or firing). */
    JsonNode alerts() throws IOException, InterruptedException {
        return get("/api/v1/alerts").at("/data/alerts");
    }

    /** The instances (scrape targets) with a sample in the result of {@code promql}. */
    Set<String> instances(String promql) throws IOException, InterruptedException {
        Set<String> instances = new TreeSet<>();
        query(promql).forEach(r -> instances.add(r.at("/metric/instance").asText()));
        return instances;
    }

    /** Whether the alert {@code name} for {@code image} is pending or firing. */
    boolean alerting(String name, String image) throws IOException, InterruptedException {
        for (JsonNode alert : alerts()) {
            String state = alert.path("state").asText();
            if (alert.at("/labels/alertname").asText().equals(name)
                    && alert.at("/labels/image").asText().equals(image)
                    && (state.equals("pending") || state.equals("firing"))) {
                return true;
            }
        }
        return false;
    }

    JsonNode targets() throws IOException, InterruptedException {
        return get("/api/v1/targets").at("/data/activeTargets");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The server's base URL, as an agent's {@code fleet.prometheus} names it. */
    URI url() {
        return uri("");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

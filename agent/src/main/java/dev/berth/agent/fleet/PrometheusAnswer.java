package dev.berth.agent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.reconciler.port.FleetReport;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads an answer of Prometheus's query API to an instant query: a vector with one sample per host that reports the
 * version failed. Anything else (an error, another result type, not JSON) means the fleet could not be asked.
 */
final class PrometheusAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How much of Prometheus's own error a message quotes. */
    private static final int QUOTED = 200;

    private PrometheusAnswer() {}

    /** @param where "Prometheus at URL", for messages */
    static FleetReport read(int status, byte[] body, String where) {
        Optional<JsonNode> root = json(body);
        if (status != 200) {
            return new FleetReport.Unknown(where + " answered " + status + error(root));
        }
        if (root.isEmpty() || !root.get().isObject()) {
            return new FleetReport.Unknown(where + " answered something that is not the JSON of its query API");
        }
        JsonNode answer = root.get();
        if (!"success".equals(answer.path("status").asText())) {
            return new FleetReport.Unknown(
                    where + " answered status \"" + clip(answer.path("status").asText()) + "\"" + error(root));
        }
        JsonNode data = answer.path("data");
        if (!"vector".equals(data.path("resultType").asText())
                || !data.path("result").isArray()) {
            return new FleetReport.Unknown(where + " answered a \""
                    + clip(data.path("resultType").asText()) + "\" where the query gives a vector");
        }
        TreeSet<String> hosts = new TreeSet<>();
        for (JsonNode sample : data.path("result")) {
            hosts.add(host(sample.path("metric")));
        }
        return hosts.isEmpty() ? new FleetReport.Healthy() : new FleetReport.Failed(List.copyOf(hosts));
    }

    /** The host a sample is from: its {@code name} label (berth's host name), else its scrape {@code instance}. */
    private static String host(JsonNode labels) {
        for (String label : List.of("name", "instance")) {
            String value = labels.path(label).asText("");
            if (!value.isBlank()) {
                return clip(value);
            }
        }
        return "a host without a name or instance label";
    }

    private static Optional<JsonNode> json(byte[] body) {
        try {
            return Optional.ofNullable(JSON.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String error(Optional<JsonNode> root) {
        return root.map(r -> r.path("error").asText(""))
                .filter(e -> !e.isBlank())
                .map(e -> " (" + clip(e) + ")")
                .orElse("");
    }

    private static String clip(String text) {
        // What a server says goes into logs and terminals: one line, without control characters.
        String line = text.replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "");
        return line.length() <= QUOTED ? line : line.substring(0, QUOTED) + "...";
    }
}

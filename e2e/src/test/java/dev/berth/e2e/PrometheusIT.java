package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes the agent running as a service inside a real systemd host, with the shipped alert rules:
 * convergence shows in berth_image_converged, and a rollback raises BerthRollback.
 */
@OnceIsEnough
class PrometheusIT {
    @TempDir
    Path work;

    private Fleet fleet;
    private Shelf shelf;
    private AgentHost agent;
    private PrometheusServer prometheus;
    private final int port = FreePort.pick();
    private final int metrics = FreePort.pick();

    @BeforeEach
    void start() throws Exception {
        fleet = new Fleet(work);
        shelf = fleet.shelf;
        agent = AgentHost.install();
        prometheus = PrometheusServer.start(
                Files.createDirectories(work.resolve("prometheus")),
                "127.0.0.1:" + metrics,
                Repo.root().resolve("dashboards/berth-alerts.rules.yml"));
    }

    @AfterEach
    void stop() {
        prometheus.close();
        agent.close();
        fleet.close();
    }

    @Test
    void prometheusSeesConvergenceAndRaisesTheRollbackAlert() throws Exception {
        Published hello = shelf.publish(Images.hello("1.0", port));
        Published idle = shelf.publish(Images.idle("idle", "1"));
        String first = fleet.commit("two images", hello.entry(), idle.entry());
        agent.start(AgentHost.config(fleet.url(), "", "127.0.0.1:" + metrics));
        agent.awaitConverged(first);

        Awaitility.await("berth_image_converged is 1 for both images")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(converged(prometheus.query("berth_image_converged")))
                        .containsExactlyInAnyOrder("hello=1", "idle=1"));
        JsonNode target = prometheus.targets().get(0);
        assertThat(target.path("health").asText()).isEqualTo("up");

        Published broken = shelf.publish(Images.brokenHello("2.0"));
        fleet.commit("a bad release", broken.entry(), idle.entry());
        agent.poke();

        Awaitility.await("the BerthRollback alert")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> prometheus.alerting("BerthRollback", "hello"));
        // The rollback is counted when it happens; the gauges follow when the pass ends, after the restored
        // version's own health window, so Prometheus may show the alert before it scrapes the new gauge.
        Awaitility.await("berth_image_converged is 0 for hello after the rollback")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(converged(prometheus.query("berth_image_converged")))
                        .containsExactlyInAnyOrder("hello=0", "idle=1"));
        assertThat(prometheus
                        .query("berth_rollbacks_total{image=\"hello\"}")
                        .get(0)
                        .at("/value/1")
                        .asText())
                .isEqualTo("1");
    }

    private static List<String> converged(JsonNode result) {
        List<String> values = new ArrayList<>();
        result.forEach(r -> values.add(
                r.at("/metric/image").asText() + "=" + r.at("/value/1").asText()));
        return values;
    }
}

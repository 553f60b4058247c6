package dev.berth.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.ImageSpec;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Wait;
import dev.berth.reconciler.fake.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A dashboard or alert that names a metric the agent does not export would show nothing, silently: not here. */
class DashboardMetricsTest {
    private static final Pattern METRIC = Pattern.compile("\\b((?:berth|jvm|process)_[a-z_]+)\\b");
    private static final Path DASHBOARDS = Path.of(System.getProperty("berth.repo", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("dashboards");

    private final MetricsWorld world = new MetricsWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsInARealScrape() throws Exception {
        ImageSpec v1 = world.publish(TestImage.service("hello", "1.0"), "default");
        ImageSpec v2 = world.publish(TestImage.failing("hello", "2.0"), "default");
        world.metrics.maintenance(MaintenanceMetricsTest.SATURDAY_AFTERNOONS, world.clock);
        TestImage base = TestImage.base("base", "1");
        ImageSpec layered = world.publishLayered(base, TestImage.extensionOf(base, "app", "1.0"));
        world.pass("a", v1, layered);
        world.pass("b", v2, layered);
        Set<String> exported = new TreeSet<>(world.scrape().families());
        world.gate = (manifest, plan, observed, inventory) ->
                Map.of("hello", new Finding.Waiting("hello", Optional.of("3.0"), new Wait.OutsideWaves()));
        world.pass("c", world.publish(TestImage.service("hello", "3.0"), "default"));
        exported.addAll(world.scrape().families());

        Set<String> used = new TreeSet<>();
        used.addAll(metricsIn(dashboardExpressions()));
        used.addAll(metricsIn(List.of(Files.readString(DASHBOARDS.resolve("berth-alerts.rules.yml")))));

        assertThat(used)
                .contains(
                        "berth_image_converged",
                        "berth_rollbacks_total",
                        "berth_reconcile_total",
                        "berth_reconcile_duration_seconds_bucket",
                        "process_resident_memory_bytes");
        assertThat(exported).as("metrics the agent exports").containsAll(used);
    }

    private static List<String> dashboardExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        try (var files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
                dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
                dashboard.findValues("definition").forEach(e -> expressions.add(e.asText()));
            }
        }
        assertThat(expressions).as("expressions in the dashboards").hasSizeGreaterThan(10);
        return expressions;
    }

    private static Set<String> metricsIn(List<String> texts) {
        Set<String> names = new TreeSet<>();
        for (String text : texts) {
            Matcher m = METRIC.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}

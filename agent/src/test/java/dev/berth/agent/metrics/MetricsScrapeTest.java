package dev.berth.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.ImageSpec;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.reconciler.fake.TestImage;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every metric of the contract appears in a real scrape with its labels, and follows the host as it changes. */
class MetricsScrapeTest {
    private final MetricsWorld world = new MetricsWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void anImageWithExtensionsShowsItsBaseAndEachExtensionWithTheirVersions() throws Exception {
        TestImage base = TestImage.base("base", "1");
        ImageSpec app = world.publishLayered(base, TestImage.extensionOf(base, "app", "2.0"));

        world.pass("a", app);
        Scrape scrape = world.scrape();

        assertThat(scrape.value("berth_image_attached_info", "image", "app", "version", "2.0"))
                .contains(1.0);
        assertThat(scrape.value(
                        "berth_image_layer_info", "image", "app", "layer", "base", "name", "base", "version", "1"))
                .contains(1.0);
        assertThat(scrape.value(
                        "berth_image_layer_info",
                        "image",
                        "app",
                        "layer",
                        "extension",
                        "name",
                        "app",
                        "version",
                        "2.0"))
                .contains(1.0);
    }

    @Test
    void aFirstAttachShowsEveryImageMetricWithItsLabels() throws Exception {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"), "default");
        ImageSpec web = world.publish(TestImage.socketActivated("web", "1"), "strict");

        world.pass("a", hello, web);
        Scrape scrape = world.scrape();

        assertThat(scrape.value("berth_build_info", "version", "1.2.3")).contains(1.0);
        assertThat(scrape.value("berth_image_desired_info", "image", "hello", "version", "1.0", "profile", "default"))
                .contains(1.0);
        assertThat(scrape.value(
                        "berth_image_attached_info",
                        "image",
                        "web",
                        "version",
                        "1",
                        "profile",
                        "strict",
                        "state",
                        "running"))
                .contains(1.0);
        assertThat(scrape.value("berth_image_converged", "image", "hello")).contains(1.0);
        assertThat(scrape.value("berth_image_healthy", "image", "web")).contains(1.0);
        assertThat(scrape.value("berth_unit_active", "image", "web", "unit", "web.socket"))
                .contains(1.0);
        assertThat(scrape.value("berth_unit_active", "image", "web", "unit", "web.service"))
                .contains(0.0);
        assertThat(scrape.value("berth_reconcile_total", "result", "success")).contains(1.0);
        assertThat(scrape.value("berth_reconcile_total", "result", "failure")).contains(0.0);
        assertThat(scrape.value("berth_reconcile_duration_seconds_count")).contains(1.0);
        assertThat(scrape.named("berth_reconcile_duration_seconds_bucket")).hasSizeGreaterThan(5);
        assertThat(scrape.value("berth_last_successful_reconcile_timestamp_seconds"))
                .hasValueSatisfying(
                        v -> assertThat(v).isEqualTo(world.clock.instant().toEpochMilli() / 1000.0));
        assertThat(scrape.value("berth_source_revision_info", "revision", "a".repeat(40)))
                .contains(1.0);
        assertThat(scrape.value("berth_source_fetch_total", "result", "success"))
                .contains(1.0);
        assertThat(scrape.value("berth_steps_total", "action", "fetch", "result", "success"))
                .contains(2.0);
        assertThat(scrape.value("berth_steps_total", "action", "attach", "result", "success"))
                .contains(2.0);
        assertThat(scrape.value("berth_rollbacks_total", "image", "hello")).contains(0.0);
        assertThat(scrape.value("berth_download_bytes_total")).contains(0.0);
        assertThat(scrape.value("berth_verification_failures_total", "image", "web"))
                .contains(0.0);
        assertThat(scrape.value("berth_drift_corrections_total", "image", "web"))
                .contains(0.0);
        assertThat(scrape.families())
                .contains(
                        "jvm_memory_used_bytes",
                        "process_uptime_seconds",
                        "jvm_threads_live_threads",
                        "process_cpu_usage");
    }

    @Test
    void metricsFollowUpgradeRollbackDriftAndDetach() throws Exception {
        ImageSpec v1 = world.publish(TestImage.service("hello", "1.0"), "default");
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"), "default");
        ImageSpec v3 = world.publish(TestImage.failing("hello", "3.0"), "default");
        ImageSpec web = world.publish(TestImage.service("web", "1"), "default");
        world.pass("a", v1, web);

        world.pass("b", v2, web);
        Scrape upgraded = world.scrape();
        world.pass("c", v3, web);
        Scrape rolledBack = world.scrape();
        world.host.stopByHand("web");
        world.pass("c", v3, web);
        Scrape corrected = world.scrape();
        world.pass("d", v2);
        Scrape detached = world.scrape();

        assertThat(upgraded.value("berth_image_attached_info", "image", "hello", "version", "2.0"))
                .contains(1.0);
        assertThat(upgraded.value("berth_image_attached_info", "image", "hello", "version", "1.0"))
                .isEmpty();
        assertThat(upgraded.value("berth_steps_total", "action", "upgrade", "result", "success"))
                .contains(1.0);
        assertThat(rolledBack.value("berth_rollbacks_total", "image", "hello")).contains(1.0);
        assertThat(rolledBack.value("berth_steps_total", "action", "rollback", "result", "success"))
                .contains(1.0);
        assertThat(rolledBack.value("berth_steps_total", "action", "upgrade", "result", "failure"))
                .contains(1.0);
        assertThat(rolledBack.value("berth_reconcile_total", "result", "failure"))
                .contains(1.0);
        assertThat(rolledBack.value("berth_image_attached_info", "image", "hello", "version", "2.0"))
                .contains(1.0);
        assertThat(corrected.value("berth_image_converged", "image", "hello")).contains(0.0);
        assertThat(corrected.value("berth_drift_corrections_total", "image", "web"))
                .contains(1.0);
        assertThat(corrected.value("berth_image_converged", "image", "web")).contains(1.0);
        assertThat(detached.value("berth_image_attached_info", "image", "web", "version", "1"))
                .isEmpty();
        assertThat(detached.value("berth_image_desired_info", "image", "web", "version", "1"))
                .isEmpty();
        assertThat(detached.value("berth_steps_total", "action", "detach", "result", "success"))
                .contains(1.0);
        assertThat(detached.value("berth_image_converged", "image", "hello")).contains(1.0);
        assertThat(detached.value("berth_source_revision_info", "revision", "d".repeat(40)))
                .contains(1.0);
        assertThat(detached.value("berth_source_revision_info", "revision", "a".repeat(40)))
                .isEmpty();
    }

    @Test
    void aWrongHashCountsAsAVerificationFailure() throws Exception {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"), "default");
        ImageSpec bad = new ImageSpec(
                hello.name(),
                hello.version(),
                hello.url(),
                new dev.berth.model.Sha256("0".repeat(64)),
                hello.profile(),
                hello.matches(),
                true,
                true,
                false,
                hello.origin());

        world.pass("a", bad);

        assertThat(world.scrape().value("berth_verification_failures_total", "image", "hello"))
                .contains(1.0);
    }

    @Test
    void healthAndReadinessAnswerAsTheLoopGoes() throws Exception {
        assertThat(world.get("/readyz", null).statusCode()).isEqualTo(503);
        assertThat(world.get("/healthz", null).statusCode()).isEqualTo(200);

        world.pass("a");

        assertThat(world.get("/readyz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void openMetricsIsServedWhenTheScraperAsksForIt() throws Exception {
        world.pass("a");

        HttpResponse<String> response = world.get("/metrics", "application/openmetrics-text;version=1.0.0");

        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/openmetrics-text"));
        assertThat(response.body()).contains("# TYPE berth_build info").endsWith("# EOF\n");
    }

    @Test
    void theHostIsOneInfoSeriesWithItsNameAndOnlyTheLabelsNamedForMetrics() throws Exception {
        HostIdentity host = new HostIdentity(
                "web-1", Map.of("role", "web", "site", "fra1", "ring", "canary"), "0123456789abcdef0123456789abcdef");

        world.metrics.host(host, List.of("role", "rack"));
        String text = world.get("/metrics", null).body();
        Scrape scrape = Scrape.parse(text);

        assertThat(scrape.named("berth_host_info")).singleElement().satisfies(s -> {
            assertThat(s.labels())
                    .as("the name, and the named keys: rack is empty where the host has no such label")
                    .isEqualTo(Map.of("name", "web-1", "role", "web", "rack", ""));
            assertThat(s.value()).isEqualTo(1.0);
        });
        assertThat(text).doesNotContain("fra1").doesNotContain("canary").doesNotContain("0123456789abcdef");
    }
}

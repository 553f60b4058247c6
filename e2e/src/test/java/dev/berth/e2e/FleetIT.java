package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet as the README's "Running a fleet" describes it: three hosts with their own names and labels, one
 * repository with one manifest for all of them, and a real Prometheus scraping the three agents with the shipped
 * alert rules. The hosts are booted once for the class; each scenario commits the whole manifest it needs and
 * starts from the configuration every host normally runs with, so none relies on what another left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@OnceIsEnough
class FleetIT {
    /** Long enough for the canary to fail, roll back and be scraped before wave 2 starts. */
    private static final Duration EVERY = Duration.ofSeconds(20);

    private static final String ROLLOUT =
            "rollout: {waves: [{hosts: {labels: {ring: canary}}}, {percent: 100}], every: " + EVERY.toSeconds() + "s}";
    private static final String INTERVAL = "3s";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private final String secret = randomHex(32);
    private Fleet fleet;
    private PrometheusServer prometheus;
    private FleetHost canary;
    private FleetHost web2;
    private FleetHost db1;
    private List<FleetHost> hosts = List.of();

    private Published base;
    private Published web;
    private Published db1Image;
    private Published db2Image;
    private Published hello1;
    private Published hello2Broken;
    private Published hello3;

    @BeforeAll
    void bootTheFleet() throws Exception {
        fleet = new Fleet(work);
        ExecutorService boots = Executors.newFixedThreadPool(3);
        try {
            Future<FleetHost> c = boots.submit(() -> FleetHost.install("canary", "{ring: canary, role: web}", secret));
            Future<FleetHost> w = boots.submit(() -> FleetHost.install("web-2", "{role: web}", secret));
            Future<FleetHost> d = boots.submit(() -> FleetHost.install("db-1", "{role: db}", secret));
            publishImages();
            hosts = booted(List.of(c, w, d));
            canary = hosts.get(0);
            web2 = hosts.get(1);
            db1 = hosts.get(2);
        } finally {
            boots.shutdown();
        }
        prometheus = PrometheusServer.start(
                Files.createDirectories(work.resolve("prometheus")),
                hosts.stream().map(FleetHost::metricsAddress).toList(),
                Repo.root().resolve("dashboards/berth-alerts.rules.yml"));
    }

    /** Every host that booted, in order; if one did not, the others are powered off and the failure thrown. */
    private static List<FleetHost> booted(List<Future<FleetHost>> boots) throws Exception {
        List<FleetHost> up = new ArrayList<>();
        Exception failed = null;
        for (Future<FleetHost> boot : boots) {
            try {
                up.add(boot.get());
            } catch (Exception e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            up.forEach(FleetHost::close);
            throw failed;
        }
        return up;
    }

    private void publishImages() {
        Shelf shelf = fleet.shelf;
        base = shelf.publish(Images.idle("base", "1"));
        web = shelf.publish(Images.idle("web", "1"));
        db1Image = shelf.publish(Images.idle("db", "1"));
        db2Image = shelf.publish(Images.idle("db", "2"));
        hello1 = shelf.publish(Images.idle("hello", "1.0"));
        hello2Broken = shelf.publish(Images.brokenHello("2.0"));
        hello3 = shelf.publish(Images.idle("hello", "3.0"));
    }

    @AfterAll
    void powerTheFleetOff() {
        if (prometheus != null) {
            prometheus.close();
        }
        hosts.forEach(FleetHost::close);
        if (fleet != null) {
            fleet.close();
        }
    }

    /** Each scenario starts from the configuration of a fleet host: a pass every 3 s, Prometheus, the trigger. */
    @BeforeEach
    void everyAgentRunsTheFleetConfiguration() {
        hosts.forEach(h -> h.run(fleetConfig(h, INTERVAL)));
    }

    @Test
    @Order(1)
    void eachHostRunsTheImagesMeantForIt() {
        converge("the targeted set", targeted(db1Image));

        Map<FleetHost, Set<String>> expected =
                Map.of(canary, Set.of("base", "web"), web2, Set.of("base", "web"), db1, Set.of("base", "db"));
        for (FleetHost host : hosts) {
            for (String image : List.of("base", "web", "db")) {
                assertThat(host.attached(image))
                        .as("%s on %s", image, host)
                        .isEqualTo(expected.get(host).contains(image) ? Optional.of("1") : Optional.empty());
            }
            JsonNode status = host.agent.statusJson();
            assertThat(names(status.path("images")))
                    .as("images in the status of %s", host)
                    .isEqualTo(expected.get(host));
            assertThat(status.at("/host/name").asText()).isEqualTo(host.name);
        }
        CommandResult status = canary.berth("status", "--output", "json");
        assertThat(status.ok()).as(status.describe()).isTrue();
        JsonNode json = parse(status.stdout());
        assertThat(json.at("/host/labels/ring").asText()).isEqualTo("canary");
        assertThat(json.at("/host/labels/role").asText()).isEqualTo("web");
    }

    @Test
    @Order(2)
    void aBrokenReleaseReachesOnlyTheCanaryWhichRollsBackAndHaltsTheOthers() throws Exception {
        converge("hello 1.0 everywhere", targeted(db1Image, hello1.entry()));
        List<FleetHost> others = List.of(web2, db1);

        try (VersionWatch watch = VersionWatch.start("hello", hosts)) {
            fleet.commit("hello 2.0, broken, canaries first", targeted(db1Image, hello2Broken.entry(ROLLOUT)));

            for (FleetHost other : others) {
                other.agent.awaitStatus(
                        other + " waits for wave 2",
                        Duration.ofSeconds(15),
                        s -> waiting(other, s).startsWith("the move to 2.0 is waiting for wave 2 at "));
            }
            canary.agent.awaitStatus("the canary rolls hello 2.0 back", Duration.ofSeconds(60), s -> {
                JsonNode hello = canary.agent.image(s, "hello");
                return hello.path("attachedVersion").asText().equals("1.0")
                        && hello.at("/lastError/reason").asText().equals("HealthCheckFailed");
            });
            assertThat(watch.first(canary, "2.0"))
                    .as("the canary ran hello 2.0")
                    .isPresent();
            awaitQuery(
                    "Prometheus sees hello 2.0 failed on the canary",
                    "berth_image_failed_info{image=\"hello\",version=\"2.0\"} == 1",
                    Set.of(canary.metricsAddress()));

            for (FleetHost other : others) {
                other.agent.awaitStatus(
                        other + " asks Prometheus when wave 2 starts, and halts",
                        EVERY.plusSeconds(30),
                        s -> waiting(other, s)
                                .startsWith("the move to 2.0 is RolloutHalted: hello 2.0 failed on canary;"));
            }
            awaitQuery(
                    "Prometheus sees the halt on the others",
                    "berth_rollout_halted{image=\"hello\"} == 1",
                    Set.of(web2.metricsAddress(), db1.metricsAddress()));
            Awaitility.await("BerthRolloutHalted pending")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> prometheus.alerting("BerthRolloutHalted", "hello"));
            CommandResult status = web2.berth("status", "--output", "json");
            assertThat(web2.agent
                            .image(parse(status.stdout()), "hello")
                            .path("waiting")
                            .asText())
                    .contains("RolloutHalted");

            // Two more passes after the halt: they ask again and still do not move.
            Instant halted = Instant.now();
            Awaitility.await("two more passes of the halted hosts")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() ->
                            others.stream().allMatch(h -> h.lastPassStarted().isAfter(halted.plusSeconds(3))));
            for (FleetHost other : others) {
                assertThat(watch.lastLook(other)).isAfter(halted.plusSeconds(3));
                assertThat(watch.first(other, "2.0"))
                        .as("%s never attached hello 2.0", other)
                        .isEmpty();
                assertThat(waiting(other, other.agent.statusJson())).contains("RolloutHalted");
                assertThat(other.attached("hello")).contains("1.0");
            }
        }
    }

    @Test
    @Order(3)
    void theNextGoodReleaseReachesTheCanaryAtOnceAndTheOthersOneWaveLater() {
        if (!hosts.stream().allMatch(h -> h.attached("hello").equals(Optional.of("1.0")))) {
            converge("hello 1.0 everywhere", targeted(db1Image, hello1.entry()));
        }
        try (VersionWatch watch = VersionWatch.start("hello", hosts)) {
            Instant committed = Instant.now();
            fleet.commit("hello 3.0, canaries first", targeted(db1Image, hello3.entry(ROLLOUT)));
            Awaitility.await("hello 3.0 on every host")
                    .atMost(EVERY.plusSeconds(40))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() ->
                            hosts.stream().allMatch(h -> watch.first(h, "3.0").isPresent()));

            // No host can see the commit before it is made, so none starts wave 2 sooner than EVERY after it.
            String timeline = "hello 3.0 after the commit: "
                    + hosts.stream()
                            .map(h -> h + " in "
                                    + Duration.between(
                                            committed, watch.first(h, "3.0").orElseThrow()))
                            .toList();
            Instant canaryAt = watch.first(canary, "3.0").orElseThrow();
            assertThat(canaryAt)
                    .as("the canary takes 3.0 at once; %s", timeline)
                    .isBefore(committed.plusSeconds(15));
            for (FleetHost other : List.of(web2, db1)) {
                Instant at = watch.first(other, "3.0").orElseThrow();
                assertThat(at).as("%s takes 3.0 in wave 2; %s", other, timeline).isAfter(committed.plus(EVERY));
                assertThat(at)
                        .as("%s takes 3.0 when wave 2 starts; %s", other, timeline)
                        .isBefore(committed.plus(EVERY).plusSeconds(20));
            }
        }
    }

    @Test
    @Order(4)
    void aSignedTriggerStartsAPassAtOnceAndAForgedOneStartsNothing() throws Exception {
        String before = converge("the targeted set", targeted(db1Image));
        Instant restarted = Instant.now();
        db1.run(fleetConfig(db1, "10m"));
        db1.agent.awaitStatus(
                "the first pass of the agent with a 10 minute interval",
                Duration.ofSeconds(60),
                s -> !Instant.parse(s.path("started").asText()).isBefore(restarted.minusSeconds(1))
                        && before.equals(s.at("/lastPass/revision").asText()));
        Instant firstPass = db1.lastPassStarted();
        String change = fleet.commit("db 2 on the db hosts", targeted(db2Image));

        String forgedBody = "{\"ref\":\"refs/heads/main\",\"after\":\"" + change + "\",\"n\":1}";
        HttpResponse<String> forged =
                db1.trigger(forgedBody, FleetHost.signature("not the secret of this host", forgedBody));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);
        Awaitility.await("no pass after a forged trigger")
                .during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(7))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> db1.lastPassStarted().equals(firstPass));
        assertThat(db1.attached("db")).contains("1");

        String body = "{\"ref\":\"refs/heads/main\",\"after\":\"" + change + "\",\"n\":2}";
        Instant sent = Instant.now();
        HttpResponse<String> signed = db1.trigger(body, FleetHost.signature(secret, body));
        Instant answered = Instant.now();
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        JsonNode status = db1.agent.awaitConverged(change);
        assertThat(status.at("/lastPass/cause").asText()).isEqualTo("TRIGGER");
        // A second, plus slack for a shared machine.
        assertThat(Instant.parse(status.at("/lastPass/started").asText()))
                .as("the start of the triggered pass; the request was sent at %s and answered at %s", sent, answered)
                .isAfterOrEqualTo(sent.minusMillis(100))
                .isBefore(answered.plusSeconds(3));
        assertThat(db1.attached("db")).contains("2");
        String scrape = Http.get(db1.metricsPort, "/metrics").orElseThrow();
        assertThat(triggers(scrape, "accepted")).isEqualTo(1.0);
        assertThat(triggers(scrape, "refused")).isEqualTo(1.0);
    }

    private String fleetConfig(FleetHost host, String interval) {
        return fleetConfig(host, interval, "");
    }

    /**
     * A fleet host's configuration with other settings: for a scenario that needs one host configured otherwise
     * (a maintenance window, a longer interval), run with {@code host.run(fleetConfig(host, ..., extra))}; the
     * next scenario starts with the usual configuration again.
     */
    private String fleetConfig(FleetHost host, String interval, String extra) {
        return host.config(fleet.url(), prometheus.url(), interval, extra);
    }

    /** The manifest entries every scenario keeps: base on every host, web on role=web, db on role=db. */
    private String[] targeted(Published db, String... more) {
        return Stream.concat(
                        Stream.of(
                                base.entry(),
                                web.entry("hosts: {labels: {role: web}}"),
                                db.entry("hosts: {labels: {role: db}}")),
                        Stream.of(more))
                .toArray(String[]::new);
    }

    /** Commits the fleet's manifest and waits until every host converged on it; returns the commit. */
    private String converge(String message, String... entries) {
        String revision = fleet.commit(message, entries);
        hosts.forEach(h -> h.agent.awaitConverged(revision));
        return revision;
    }

    private void awaitQuery(String what, String promql, Set<String> instances) {
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> prometheus.instances(promql).equals(instances));
    }

    /** berth_triggers_total{result} in a scrape of the agent's /metrics. */
    private static double triggers(String scrape, String result) {
        Matcher count = Pattern.compile("(?m)^berth_triggers_total\\{result=\"" + result + "\"} (\\S+)$")
                .matcher(scrape);
        assertThat(count.find())
                .as("berth_triggers_total{result=\"%s\"} in\n%s", result, scrape)
                .isTrue();
        return Double.parseDouble(count.group(1));
    }

    private static String waiting(FleetHost host, JsonNode status) {
        return host.agent.image(status, "hello").path("waiting").asText();
    }

    private static Set<String> names(JsonNode images) {
        Set<String> names = new TreeSet<>();
        images.forEach(i -> names.add(i.path("name").asText()));
        return names;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}

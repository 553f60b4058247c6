package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What holds a change on a real systemd host running the agent as the shipped service, with an interval of ten
 * minutes so that only the hold's own end can explain a prompt move: a maintenance window holds an upgrade (the new
 * version downloads ahead) and the agent moves when the window opens; a suspension holds a change, and a resume
 * releases it at once.
 */
@OnceIsEnough
class HoldsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Time enough before a window opens to see the hold: restart the agent, download ahead, ask plan and status. */
    private static final Duration LEAD = Duration.ofSeconds(25);
    /** How soon after the hold ends the service must answer with the new version. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @TempDir
    Path work;

    private Fleet fleet;
    private Shelf shelf;
    private AgentHost agent;
    private final int port = FreePort.pick();
    private final int metrics = FreePort.pick();

    @BeforeEach
    void start() throws Exception {
        fleet = new Fleet(work);
        shelf = fleet.shelf;
        agent = AgentHost.install();
    }

    @AfterEach
    void stop() {
        agent.close();
        fleet.close();
    }

    @Test
    void aMaintenanceWindowHoldsAnUpgradeUntilItOpensAndTheAgentMovesThen() {
        Published v1 = shelf.publish(Images.hello("1.0", port));
        String first = fleet.commit("hello 1.0", v1.entry());
        agent.start(config(window(Instant.now().plus(Duration.ofHours(12)))));
        agent.awaitConverged(first);
        Http.awaitBody(port, "hello 1.0");

        Published v2 = shelf.publish(Images.hello("2.0", port));
        String second = fleet.commit("hello 2.0", v2.entry());
        Instant opens = nextWholeMinute(Instant.now().plus(LEAD));
        agent.host.container.writeFile(AgentHost.CONFIG, config(window(opens)));
        // The agent reads its windows when it starts; its first pass sees 2.0 and holds it.
        agent.host.container.execOk("systemctl", "restart", "berth-agent");

        JsonNode held = awaitHeld(second);
        assertThat(agent.image(held, "hello").path("waiting").asText())
                .isEqualTo("the move to 2.0 is waiting for the maintenance window at " + opens);
        JsonNode wait = planWait();
        assertThat(wait.path("kind").asText()).isEqualTo("maintenanceWindow");
        assertThat(wait.path("until").asText()).isEqualTo(opens.toString());
        assertThat(inPool(v2)).as("2.0 downloaded ahead of the window").isTrue();
        assertThat(gauge("berth_maintenance_window_open")).isEqualTo("0");
        assertThat(Instant.now())
                .as("the hold was seen before the window opened")
                .isBefore(opens);

        servesUntil(opens, "hello 1.0");
        movesTo2By(opens.plus(PROMPTLY), second, "TIMER", "woken by the window's opening, not by the interval");
        assertThat(gauge("berth_maintenance_window_open")).isEqualTo("1");
    }

    @Test
    void suspendHoldsAChangeAndResumeReleasesIt() {
        Published v1 = shelf.publish(Images.hello("1.0", port));
        String first = fleet.commit("hello 1.0", v1.entry());
        agent.start(config(""));
        agent.awaitConverged(first);
        Http.awaitBody(port, "hello 1.0");

        agent.host.container.execOk("/usr/bin/berth", "suspend", "--reason", "e2e", "--until", "1h");
        Published v2 = shelf.publish(Images.hello("2.0", port));
        String second = fleet.commit("hello 2.0", v2.entry());
        agent.poke();

        JsonNode held = awaitHeld(second);
        assertThat(agent.image(held, "hello").path("waiting").asText())
                .startsWith("the move to 2.0 is suspended by root until ")
                .endsWith(": e2e");
        JsonNode suspension = statusJson().path("suspension");
        assertThat(suspension.path("by").asText()).isEqualTo("root");
        assertThat(suspension.path("reason").asText()).isEqualTo("e2e");
        assertThat(Instant.parse(suspension.path("until").asText()))
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(55)),
                        Instant.now().plus(Duration.ofHours(1)));
        JsonNode wait = planWait();
        assertThat(wait.path("kind").asText()).isEqualTo("suspended");
        assertThat(wait.path("by").asText()).isEqualTo("root");
        assertThat(wait.path("reason").asText()).isEqualTo("e2e");
        assertThat(inPool(v2)).as("a suspended host downloads nothing").isFalse();
        assertThat(gauge("berth_suspended")).isEqualTo("1");
        assertThat(Http.get(port)).contains("hello 1.0");

        agent.host.container.execOk("/usr/bin/berth", "resume");
        movesTo2By(Instant.now().plus(PROMPTLY), second, "SUSPENSION", "woken by the resume, not by the interval");
        assertThat(gauge("berth_suspended")).isEqualTo("0");
    }

    /** The test configuration with a ten-minute interval, metrics on, and {@code extra}. */
    private String config(String extra) {
        String config = AgentHost.config(fleet.url(), extra, "127.0.0.1:" + metrics);
        assertThat(config).contains("\ninterval: 3s\n");
        return config.replace("\ninterval: 3s\n", "\ninterval: 10m\n");
    }

    /** A window of an hour every day, opening at {@code opens} (a whole minute, UTC). */
    private static String window(Instant opens) {
        return """
                maintenance:
                  - days: [mon, tue, wed, thu, fri, sat, sun]
                    start: "%s"
                    duration: 1h
                    timeZone: UTC
                """.formatted(
                DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC).format(opens));
    }

    /** The first whole minute at or after {@code earliest}. */
    private static Instant nextWholeMinute(Instant earliest) {
        Instant minute = earliest.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(earliest) ? minute : minute.plus(Duration.ofMinutes(1));
    }

    /** The pass that read {@code revision} held hello at 1.0, which still runs. */
    private JsonNode awaitHeld(String revision) {
        JsonNode held = agent.awaitStatus(
                "hello 2.0 held",
                Duration.ofSeconds(20),
                s -> revision.equals(s.at("/lastPass/revision").asText())
                        && agent.image(s, "hello").path("outcome").asText().equals("waiting"));
        assertThat(agent.image(held, "hello").path("attachedVersion").asText()).isEqualTo("1.0");
        assertThat(agent.host.property("hello.service", "RootImage")).isEqualTo(BerthHost.POOL + "/hello_1.0.raw");
        assertThat(Http.get(port)).contains("hello 1.0");
        return held;
    }

    private boolean inPool(Published image) {
        return agent.host
                .container
                .exec("test", "-e", BerthHost.POOL + "/" + image.fileName())
                .ok();
    }

    /** What {@code berth plan} on the host says the one held change waits for. */
    private JsonNode planWait() {
        CommandResult plan = agent.host.container.exec("/usr/bin/berth", "plan", "--output", "json");
        JsonNode waiting = parse(plan).path("waiting");
        assertThat(waiting.size()).as(plan.describe()).isEqualTo(1);
        assertThat(waiting.at("/0/image").asText()).isEqualTo("hello");
        assertThat(waiting.at("/0/version").asText()).isEqualTo("2.0");
        return waiting.at("/0/wait");
    }

    private JsonNode statusJson() {
        return parse(agent.host.container.exec("/usr/bin/berth", "status", "--output", "json"));
    }

    private static JsonNode parse(CommandResult result) {
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + result.describe(), e);
        }
    }

    /** The value of an unlabelled gauge on the agent's /metrics, without a fraction: "0", "1". */
    private String gauge(String name) {
        String text = Http.get(metrics, "/metrics").orElseThrow(() -> new AssertionError("no /metrics"));
        var line = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text);
        assertThat(line.find()).as(name + " in\n" + text).isTrue();
        return line.group(1).replaceFirst("\\.0$", "");
    }

    /** The service answers {@code body} every time it is asked until just before {@code until}. */
    private void servesUntil(Instant until, String body) {
        Instant last = until.minusMillis(500);
        while (Instant.now().isBefore(last)) {
            assertThat(Http.get(port)).as("at " + Instant.now()).isEqualTo(Optional.of(body));
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** hello 2.0 answers by {@code deadline}, and the pass that attached it was woken by {@code cause}. */
    private void movesTo2By(Instant deadline, String revision, String cause, String why) {
        awaitBodyBy(deadline, "hello 2.0");
        JsonNode moved = agent.awaitConverged(revision);
        assertThat(agent.image(moved, "hello").path("attachedVersion").asText()).isEqualTo("2.0");
        assertThat(moved.at("/lastPass/cause").asText()).as(why).isEqualTo(cause);
        assertThat(agent.host.property("hello.service", "RootImage")).isEqualTo(BerthHost.POOL + "/hello_2.0.raw");
    }

    /** The service answers {@code body} by {@code deadline}. */
    private void awaitBodyBy(Instant deadline, String body) {
        Duration left = Duration.between(Instant.now(), deadline);
        try {
            Awaitility.await("127.0.0.1:" + port + " answers \"" + body + "\" by " + deadline)
                    .atMost(left.isNegative() ? Duration.ofMillis(1) : left)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> Http.get(port).equals(Optional.of(body)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    e.getMessage() + "; status:\n" + agent.statusJson() + "\njournal:\n"
                            + agent.host.container.journal("berth-agent", 60),
                    e);
        }
    }
}

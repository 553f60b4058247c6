package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import dev.berth.testkit.http.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as the systemd service we ship, inside a real systemd host, following a git repository on the machine:
 * commit, and the host converges by itself; a bad release is rolled back; what a person breaks is put back; a kill
 * -9 at a bad moment is survived.
 */
class AgentIT {
    @TempDir
    Path work;

    private Fleet fleet;
    private Shelf shelf;
    private AgentHost agent;
    private final int port = FreePort.pick();

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

    private String commit(String message, String... entries) {
        return fleet.commit(message, entries);
    }

    private void startAgent() {
        agent.start(AgentHost.config(fleet.url(), ""));
    }

    @Test
    void eachCommitIsAppliedAndABadReleaseIsRolledBackWithinTheTimeout() {
        Published v1 = shelf.publish(Images.hello("1.0", port));
        String first = commit("hello 1.0", v1.entry());
        startAgent();
        agent.awaitConverged(first);
        Http.awaitBody(port, "hello 1.0");

        Published v2 = shelf.publish(Images.hello("2.0", port));
        String second = commit("hello 2.0", v2.entry());
        agent.awaitConverged(second);
        Http.awaitBody(port, "hello 2.0");

        Published v3 = shelf.publish(Images.brokenHello("3.0"));
        Instant committed = Instant.now();
        String third = commit("hello 3.0", v3.entry());
        JsonNode status = agent.awaitStatus(
                "hello 3.0 rolled back",
                Duration.ofSeconds(90),
                s -> third.equals(s.at("/lastPass/revision").asText())
                        && "HealthCheckFailed"
                                .equals(agent.image(s, "hello")
                                        .at("/lastError/reason")
                                        .asText()));

        assertThat(Duration.between(committed, Instant.now())).isLessThan(Duration.ofSeconds(60));
        JsonNode hello = agent.image(status, "hello");
        assertThat(hello.path("attachedVersion").asText()).isEqualTo("2.0");
        assertThat(hello.at("/lastError/undone/kind").asText()).isEqualTo("restored");
        assertThat(hello.at("/lastError/undone/version").asText()).isEqualTo("2.0");
        assertThat(hello.at("/lastError/message").asText())
                .contains("hello.service failed (result exit-code)")
                .contains("cannot start: missing configuration");
        Http.awaitBody(port, "hello 2.0");
        assertThat(agent.host.property("hello.service", "RootImage")).isEqualTo("/var/lib/portables/hello_2.0.raw");
        CommandResult text = agent.status();
        assertThat(text.stdout()).contains("HealthCheckFailed").contains("restored to 2.0");
        int reattaches = shelf.server.requests("/images/hello_3.0.raw").size();
        agent.poke();
        agent.awaitStatus(
                "another pass",
                Duration.ofSeconds(30),
                s -> Instant.parse(s.at("/lastPass/finished").asText())
                        .isAfter(Instant.now().minusSeconds(2)));
        assertThat(shelf.server.requests("/images/hello_3.0.raw")).hasSize(reattaches);
        assertThat(agent.host.property("hello.service", "RootImage")).isEqualTo("/var/lib/portables/hello_2.0.raw");
    }

    @Test
    void aProfileChangeThatBreaksTheServiceIsRolledBack() {
        Published hello = shelf.publish(Images.hello("1.0", port));
        String first = commit("hello", hello.entry());
        startAgent();
        agent.awaitConverged(first);

        String strict = commit("hello under strict", hello.entry("profile: strict"));
        JsonNode status = agent.awaitStatus(
                "the strict profile rolled back",
                Duration.ofSeconds(90),
                s -> strict.equals(s.at("/lastPass/revision").asText())
                        && "HealthCheckFailed"
                                .equals(agent.image(s, "hello")
                                        .at("/lastError/reason")
                                        .asText()));

        assertThat(agent.image(status, "hello").path("attachedProfile").asText())
                .isEqualTo("default");
        assertThat(agent.host.sh("readlink /etc/systemd/system.attached/hello.service.d/10-profile.conf"))
                .endsWith("/profile/default/service.conf");
        Http.awaitBody(port, "hello 1.0");
    }

    @Test
    void anImageDetachedByHandIsPutBack() {
        Published hello = shelf.publish(Images.hello("1.0", port));
        String first = commit("hello", hello.entry());
        startAgent();
        agent.awaitConverged(first);

        agent.host.container.execOk("portablectl", "detach", "--now", "hello_1.0");
        agent.poke();

        Http.awaitBody(port, "hello 1.0");
        agent.awaitConverged(first);
        assertThat(agent.host.property("hello.service", "RootImage")).isEqualTo("/var/lib/portables/hello_1.0.raw");
    }

    @Test
    @OnceIsEnough
    void aKillDuringASlowDownloadIsSurvivedAndTheDownloadResumes() {
        Published v1 = shelf.publish(Images.hello("1.0", port));
        String first = commit("hello 1.0", v1.entry());
        startAgent();
        agent.awaitConverged(first);
        Published v2 = shelf.publish(Images.largeHello("2.0", port));
        String path = "/images/" + v2.fileName();
        shelf.server.enqueue(path, Reply.stallAfter(v2.size() - 200_000, Duration.ofMinutes(2)));
        String second = commit("hello 2.0", v2.entry());
        agent.poke();
        Awaitility.await("a partial download in the pool")
                .atMost(Duration.ofSeconds(60))
                .until(() -> agent.host.pool().contains(".#hello_2.0.raw.partial"));
        long before = agent.mainPid();

        agent.kill9();

        agent.awaitConverged(second);
        assertThat(agent.mainPid()).isNotEqualTo(before);
        Http.awaitBody(port, "hello 2.0");
        assertThat(agent.host.pool()).containsExactly("hello_2.0.raw");
        assertThat(shelf.server
                        .requests(path)
                        .get(shelf.server.requests(path).size() - 1)
                        .header("Range"))
                .isPresent();
    }

    @Test
    @OnceIsEnough
    void aStopDuringASlowDownloadIsPromptAndCleanAndTheDownloadResumesAfter() {
        String first = commit("nothing yet");
        startAgent();
        agent.awaitConverged(first);
        Published v1 = shelf.publish(Images.largeHello("1.0", port));
        String path = "/images/" + v1.fileName();
        shelf.server.enqueue(path, Reply.stallAfter(v1.size() - 200_000, Duration.ofMinutes(2)));
        String second = commit("hello 1.0", v1.entry());
        agent.poke();
        Path partial = agent.host.container.hostPath("/var/lib/portables/.#hello_1.0.raw.partial");
        Awaitility.await("a partial download in the pool")
                .atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(partial) && Files.size(partial) >= 2 * 1024 * 1024);

        Instant stopping = Instant.now();
        agent.host.container.execOk("systemctl", "stop", "berth-agent");

        assertThat(Duration.between(stopping, Instant.now()))
                .as(() -> agent.host.container.journal("berth-agent", 40))
                .isLessThan(Duration.ofSeconds(20));
        assertThat(agent.host.property("berth-agent", "Result")).isEqualTo("success");
        assertThat(agent.host.pool()).contains(".#hello_1.0.raw.partial").doesNotContain("hello_1.0.raw");
        agent.host.container.execOk("systemctl", "start", "berth-agent");
        agent.awaitConverged(second);
        Http.awaitBody(port, "hello 1.0");
    }

    @Test
    void aKillDuringAnUpgradeIsSurvivedWithNothingHalfAttached() {
        Published v1 = shelf.publish(Images.hello("1.0", port));
        String first = commit("hello 1.0", v1.entry());
        agent.start(AgentHost.config(fleet.url(), "").replace("stableFor: 2s", "stableFor: 10s"));
        agent.awaitConverged(first);
        Published v2 = shelf.publish(Images.hello("2.0", port));
        String second = commit("hello 2.0", v2.entry());
        agent.poke();
        Awaitility.await("the upgrade under way")
                .atMost(Duration.ofSeconds(60))
                .until(() -> agent.inventory().contains("\"UPGRADING\""));

        agent.kill9();

        agent.awaitConverged(second);
        Http.awaitBody(port, "hello 2.0");
        assertThat(agent.inventory()).doesNotContain("UPGRADING").doesNotContain("\"previous\" : {");
        assertThat(agent.host.pool()).containsExactly("hello_2.0.raw");
        assertThat(agent.host.portablectlList()).contains("hello_2.0").doesNotContain("hello_1.0");
    }

    @Test
    @OnceIsEnough
    void theTrustedProfileIsRefusedOnAHostThatDoesNotAllowIt() {
        Published hello = shelf.publish(Images.hello("1.0", port));
        String first = commit("hello, trusted", hello.entry("profile: trusted"));
        startAgent();

        JsonNode status = agent.awaitStatus(
                "the policy refusal",
                Duration.ofSeconds(60),
                s -> first.equals(s.at("/lastPass/revision").asText())
                        && !agent.image(s, "hello").path("held").isMissingNode());

        assertThat(agent.image(status, "hello").at("/held/reason").asText()).isEqualTo("PolicyViolation");
        assertThat(agent.image(status, "hello").at("/held/message").asText())
                .contains("profile \"trusted\" is not allowed on this host");
        assertThat(agent.host.pool()).isEmpty();
        assertThat(agent.host.portablectlList()).isEmpty();
        assertThat(shelf.server.requests()).isEmpty();
    }

    @Test
    void aSecondAgentOnTheSameHostIsRefused() {
        String first = commit("nothing yet");
        startAgent();
        agent.awaitConverged(first);

        CommandResult second = agent.host.container.exec(
                Duration.ofSeconds(60), "/usr/bin/berth", "agent", "--config", AgentHost.CONFIG);

        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.stderr())
                .contains("another Berth is already changing this host: berth agent (pid " + agent.mainPid() + ")");
        agent.assertRunning();
    }

    @Test
    void applyWhileTheAgentRunsIsRefusedNamingTheAgentAndPlanStillWorks() {
        Published hello = shelf.publish(Images.hello("1.0", port));
        String first = commit("hello 1.0", hello.entry());
        startAgent();
        agent.awaitConverged(first);
        CommandResult apply = agent.host.berth("apply");
        CommandResult plan = agent.host.berth("plan");

        assertThat(apply.exitCode()).as(apply.describe()).isEqualTo(1);
        assertThat(apply.stderr()).contains("berth agent (pid").contains("/var/lib/berth/lock");
        assertThat(plan.exitCode()).as(plan.describe()).isZero();
        assertThat(plan.stdout()).contains("No changes: the host matches the manifest (1 images).");
    }
}

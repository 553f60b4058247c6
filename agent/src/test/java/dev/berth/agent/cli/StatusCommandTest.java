package dev.berth.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.agent.FakeHost;
import dev.berth.agent.Main;
import dev.berth.agent.status.AgentStatus;
import dev.berth.agent.status.StatusFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatusCommandTest {
    @TempDir
    Path state;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int status() {
        CommandLine cli = Main.commandLine((options, bytes) -> new FakeHost());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute("status", "--state-dir", state.toString());
    }

    private void write(AgentStatus.@Nullable HostStatus host) {
        Instant at = Instant.parse("2026-11-01T10:00:00Z");
        new StatusFile(state)
                .write(new AgentStatus(
                        AgentStatus.SCHEMA,
                        "0.2.0",
                        "berth agent",
                        1234,
                        at,
                        new AgentStatus.LastPass(at, at, "TIMER", "CONVERGED", null, null, List.of(), null),
                        at,
                        List.of(),
                        List.of(),
                        host));
    }

    @Test
    void aConvergedStatusIsShownAndExitsZero() {
        write(null);

        assertThat(status()).isZero();
        assertThat(out.toString())
                .contains("Last pass by berth agent 0.2.0 (pid 1234")
                .doesNotContain("Host:");
    }

    @Test
    void theStatusSaysWhichHostItIsWithItsLabelsAndMachineId() throws IOException {
        write(new AgentStatus.HostStatus(
                "web-1", Map.of("site", "fra1", "role", "web"), "0123456789abcdef0123456789abcdef"));

        assertThat(status()).isZero();
        assertThat(out.toString())
                .contains("\nHost:        web-1 (role=web, site=fra1), machine-id 0123456789abcdef0123456789abcdef\n");

        out.getBuffer().setLength(0);
        CommandLine cli = Main.commandLine((options, bytes) -> new FakeHost());
        cli.setOut(new PrintWriter(out, true));
        cli.execute("status", "--state-dir", state.toString(), "--output", "json");
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.at("/host/name").asText()).isEqualTo("web-1");
        assertThat(json.at("/host/labels/role").asText()).isEqualTo("web");
        assertThat(json.at("/host/machineId").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void aHostWithoutLabelsSaysSo() {
        write(new AgentStatus.HostStatus("db-1", Map.of(), "0123456789abcdef0123456789abcdef"));

        assertThat(status()).isZero();
        assertThat(out.toString()).contains("Host:        db-1 (no labels), machine-id 0123456789abcdef");
    }

    @Test
    void noStatusSaysTheAgentHasNotFinishedAPass() {
        assertThat(status()).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("error: no agent status in " + state.resolve("status.json")
                        + ": the agent has not finished a pass yet");
    }

    @Test
    void aGarbledStatusIsCalledUnreadableNotMissing() throws IOException {
        Files.writeString(state.resolve("status.json"), "{ garbled");

        assertThat(status()).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("error: " + state.resolve("status.json") + " is unreadable (Unexpected character")
                .doesNotContain("has not finished a pass");
    }

    @Test
    void aStatusFromANewerBerthSaysSo() throws IOException {
        Files.writeString(state.resolve("status.json"), "{ \"schemaVersion\": 7 }");

        assertThat(status()).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("error: " + state.resolve("status.json")
                        + " was written by a newer Berth (status schema 7, this berth reads " + AgentStatus.SCHEMA
                        + ")");
    }
}

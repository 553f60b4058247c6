package dev.berth.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.agent.FakeHost;
import dev.berth.agent.Main;
import dev.berth.agent.state.FileSuspensions;
import dev.berth.agent.status.AgentStatus;
import dev.berth.agent.status.StatusFile;
import dev.berth.model.state.Suspension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    void aBrokenConfigurationBesideAStateDirectoryCostsOnlyTheWindowsLine() throws IOException {
        write(null);
        Path config = Files.writeString(state.resolve("agent.yaml"), "maintenance: [{days: [someday]}]\n");
        CommandLine cli = Main.commandLine((options, bytes) -> new FakeHost());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("status", "--state-dir", state.toString(), "--config", config.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Last pass by berth agent 0.2.0");
        assertThat(err.toString())
                .startsWith("warning: maintenance windows not shown: ")
                .contains("agent.yaml");
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

    private void suspended() {
        new FileSuspensions(state)
                .write(new Suspension.Declared(
                        "alice",
                        "kernel migration",
                        Instant.parse("2026-11-01T09:00:00Z"),
                        Optional.of(Instant.parse("2099-01-01T00:00:00Z"))));
    }

    @Test
    void aSuspendedHostsStatusSaysWhoSuspendedItWhyAndUntilWhenFirst() throws IOException {
        write(null);
        suspended();

        assertThat(status()).isZero();
        assertThat(out.toString())
                .startsWith("Suspended by alice since 2026-11-01T09:00:00Z until 2099-01-01T00:00:00Z: kernel"
                        + " migration\nLast pass by");

        out.getBuffer().setLength(0);
        CommandLine cli = Main.commandLine((options, bytes) -> new FakeHost());
        cli.setOut(new PrintWriter(out, true));
        cli.execute("status", "--state-dir", state.toString(), "--output", "json");
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.at("/suspension/by").asText()).isEqualTo("alice");
        assertThat(json.at("/suspension/reason").asText()).isEqualTo("kernel migration");
        assertThat(json.at("/suspension/until").asText()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(json.at("/lastPass/outcome").asText()).isEqualTo("CONVERGED");
    }

    @Test
    void aSuspensionShowsEvenBeforeTheAgentsFirstPass() {
        suspended();

        assertThat(status()).isEqualTo(1);
        assertThat(out.toString()).startsWith("Suspended by alice since");
        assertThat(err.toString()).contains("the agent has not finished a pass yet");
    }

    @Test
    void anUnreadableSuspensionSaysWhatToDo() throws IOException {
        write(null);
        Files.createDirectory(state.resolve("suspension.json"));

        status();

        assertThat(out.toString())
                .startsWith("Suspended: " + state.resolve("suspension.json") + ": it cannot be read (it is a"
                        + " directory); this host changes nothing until it can tell whether it is suspended: berth"
                        + " resume removes it\n");
    }
}

package dev.berth.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void aConvergedStatusIsShownAndExitsZero() {
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
                        List.of()));

        assertThat(status()).isZero();
        assertThat(out.toString()).contains("Last pass by berth agent 0.2.0 (pid 1234");
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

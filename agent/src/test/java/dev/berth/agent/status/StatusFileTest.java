package dev.berth.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusFileTest {
    @TempDir
    Path state;

    /** A status as the agent writes it after a converged pass. */
    static AgentStatus converged() {
        Instant at = Instant.parse("2026-11-01T10:00:00Z");
        return new AgentStatus(
                AgentStatus.SCHEMA,
                "0.2.0",
                "berth agent",
                1234,
                at,
                new AgentStatus.LastPass(at, at, "TIMER", "CONVERGED", "manifest.yaml", "abc123", List.of(), null),
                at,
                List.of(new AgentStatus.ImageStatus(
                        "hello",
                        "converged",
                        "1.0",
                        "default",
                        "1.0",
                        "default",
                        "running",
                        "healthy",
                        "",
                        null,
                        null,
                        null,
                        null)),
                List.of(),
                new AgentStatus.HostStatus("web-1", Map.of("role", "web"), "0123456789abcdef0123456789abcdef"));
    }

    private StatusFile file() {
        return new StatusFile(state);
    }

    @Test
    void whatIsWrittenIsReadBackAndReadableByAll() throws IOException {
        file().write(converged());

        assertThat(file().read()).isEqualTo(new StatusFile.Read(converged()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("status.json"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void noFileIsMissing() {
        assertThat(file().read()).isEqualTo(new StatusFile.Missing());
    }

    @Test
    void aGarbledFileIsUnreadableAndSaysWhyOnOneLine() throws IOException {
        Files.writeString(state.resolve("status.json"), "{ \"schemaVersion\": " + AgentStatus.SCHEMA + ", \"lastPa");

        StatusFile.Reading reading = file().read();

        assertThat(reading)
                .isInstanceOfSatisfying(
                        StatusFile.Unreadable.class,
                        u -> assertThat(u.why())
                                .startsWith("Unexpected end-of-input")
                                .doesNotContain("\n"));
        assertThat(reading.status()).isEmpty();
    }

    @Test
    void aFileWithoutAPassIsUnreadableNotAnEmptyStatus() throws IOException {
        Files.writeString(
                state.resolve("status.json"),
                "{ \"schemaVersion\": " + AgentStatus.SCHEMA + ", \"images\": [], \"unmanaged\": [] }");

        assertThat(file().read())
                .isInstanceOfSatisfying(
                        StatusFile.Unreadable.class, u -> assertThat(u.why()).contains("lastPass"));
    }

    @Test
    void aFileWithoutASchemaIsUnreadableAndOneFromANewerBerthSaysSo() throws IOException {
        Files.writeString(state.resolve("status.json"), "{ \"images\": [] }");
        assertThat(file().read()).isEqualTo(new StatusFile.Unreadable("it has no valid schemaVersion"));

        int newer = AgentStatus.SCHEMA + 1;
        Files.writeString(state.resolve("status.json"), "{ \"schemaVersion\": " + newer + ", \"whatever\": {} }");
        assertThat(file().read()).isEqualTo(new StatusFile.FromNewerBerth(newer));
        Files.writeString(state.resolve("status.json"), "{ \"schemaVersion\": 1, \"lastPass\": {} }");
        assertThat(file().read())
                .isEqualTo(new StatusFile.Unreadable("it was written by an older Berth (status schema 1)"));
    }

    @Test
    void aStatusWrittenBeforeHostsHadAnIdentityStillReadsWithoutOne() throws IOException {
        file().write(converged());
        String schema2 = Files.readString(state.resolve("status.json"))
                .replace("\"schemaVersion\" : 3", "\"schemaVersion\" : 2")
                .replaceAll("(?s),\\s*\"host\" : \\{[^}]*\\}[^}]*\\}", "");
        assertThat(schema2).contains("\"schemaVersion\" : 2").doesNotContain("machineId");
        Files.writeString(state.resolve("status.json"), schema2);

        AgentStatus read = file().read().status().orElseThrow();

        assertThat(read.host()).isNull();
        assertThat(read.schemaVersion()).isEqualTo(2);
        assertThat(read.images()).isEqualTo(converged().images());
    }

    @Test
    void theHostIsWrittenWithItsNameLabelsAndMachineId() throws IOException {
        file().write(converged());

        assertThat(Files.readString(state.resolve("status.json")))
                .contains("\"schemaVersion\" : 3")
                .contains("\"name\" : \"web-1\"")
                .contains("\"role\" : \"web\"")
                .contains("\"machineId\" : \"0123456789abcdef0123456789abcdef\"");
        assertThat(file().read().status().orElseThrow().host())
                .isEqualTo(converged().host());
    }

    @Test
    void aSymlinkAtTheStatusIsNotFollowedAndAWriteReplacesItWithoutTouchingItsTarget() throws IOException {
        Path outside = state.resolve("outside.json");
        new StatusFile(Files.createDirectory(state.resolve("elsewhere"))).write(converged());
        Files.move(state.resolve("elsewhere/status.json"), outside);
        byte[] before = Files.readAllBytes(outside);
        Files.createSymbolicLink(state.resolve("status.json"), outside);

        assertThat(file().read())
                .isInstanceOfSatisfying(
                        StatusFile.Unreadable.class,
                        u -> assertThat(u.why())
                                .startsWith("it is not a regular file but a symbolic link to " + outside));

        file().write(converged());

        assertThat(Files.readAllBytes(outside)).isEqualTo(before);
        assertThat(Files.isSymbolicLink(state.resolve("status.json"))).isFalse();
    }
}

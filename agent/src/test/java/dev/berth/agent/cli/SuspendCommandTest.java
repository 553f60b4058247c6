package dev.berth.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.agent.FakeHost;
import dev.berth.agent.Main;
import dev.berth.agent.state.FileSuspensions;
import dev.berth.model.state.Suspension;
import dev.berth.reconciler.fake.ManualClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** berth suspend and berth resume, run in-process against a state directory of their own. */
class SuspendCommandTest {
    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");

    @TempDir
    Path state;

    private final ManualClock clock = new ManualClock(NOW);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Map<String, String> environment = Map.of();

    private int run(Callable<Integer> command, String... args) {
        CommandLine cli = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--state-dir";
        all[1] = state.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    private int suspend(String... args) {
        return run(new SuspendCommand(clock, environment, "root"), args);
    }

    private int resume(String... args) {
        return run(new ResumeCommand(clock), args);
    }

    private Optional<Suspension> recorded() {
        return new FileSuspensions(state).read();
    }

    private String printed() {
        String text = out.toString();
        out.getBuffer().setLength(0);
        return text;
    }

    @Test
    void suspendRecordsWhoWhySinceAndUntilAndSaysSoOnOneLine() {
        environment = Map.of("SUDO_USER", "alice");

        assertThat(suspend("--until", "2h", "--reason", "kernel migration")).isZero();

        assertThat(recorded())
                .contains(new Suspension.Declared(
                        "alice", "kernel migration", NOW, Optional.of(NOW.plus(Duration.ofHours(2)))));
        assertThat(printed())
                .isEqualTo("Suspended by alice since 2026-12-05T08:00:00Z until 2026-12-05T10:00:00Z: kernel"
                        + " migration\n");
    }

    @Test
    void withoutSudoTheUserItselfSuspendsAndWithoutUntilItHoldsUntilResumed() {
        assertThat(suspend()).isZero();

        assertThat(recorded()).contains(new Suspension.Declared("root", "", NOW, Optional.empty()));
        assertThat(printed()).isEqualTo("Suspended by root since 2026-12-05T08:00:00Z until berth resume\n");
    }

    @Test
    void untilTakesATimeOrADurationInDays() {
        assertThat(suspend("--until", "2026-12-06T00:00:00Z")).isZero();
        assertThat(recorded().orElseThrow().until()).contains(Instant.parse("2026-12-06T00:00:00Z"));

        assertThat(suspend("--until", "2026-12-05T10:00:00+01:00")).isZero();
        assertThat(recorded().orElseThrow().until()).contains(Instant.parse("2026-12-05T09:00:00Z"));

        assertThat(suspend("--until", "1d12h")).isZero();
        assertThat(recorded().orElseThrow().until()).contains(NOW.plus(Duration.ofHours(36)));
    }

    @Test
    void aTimeInThePastOrNonsenseIsRefusedAndRecordsNothing() {
        assertThat(suspend("--until", "2026-12-05T07:00:00Z")).isEqualTo(2);
        assertThat(err.toString()).contains("--until 2026-12-05T07:00:00Z is not to come (it is " + NOW + " now)");

        assertThat(suspend("--until", "tomorrow")).isEqualTo(2);
        assertThat(err.toString()).contains("--until must be " + Until.RULE + ", not \"tomorrow\"");

        assertThat(suspend("--until", "0m")).isEqualTo(2);
        assertThat(recorded()).isEmpty();
    }

    @Test
    void aReasonIsKeptOnOneLine() {
        assertThat(suspend("--reason", "line one\nline two\u001b[31m")).isZero();

        assertThat(recorded().orElseThrow().reason()).isEqualTo("line one line two [31m");
    }

    @Test
    void suspendingASuspendedHostReplacesItAndSaysWhatItReplaced() {
        environment = Map.of("SUDO_USER", "bob");
        suspend("--reason", "first");
        clock.advance(Duration.ofMinutes(5));
        environment = Map.of("SUDO_USER", "alice");

        assertThat(suspend("--until", "1h", "--reason", "second")).isZero();

        assertThat(recorded().orElseThrow().by()).isEqualTo("alice");
        assertThat(printed())
                .endsWith("second (replaces: Suspended by bob since 2026-12-05T08:00:00Z until berth resume:"
                        + " first)\n");
    }

    @Test
    void resumeLiftsTheSuspensionAndSaysWhatItWas() {
        suspend("--reason", "migration");
        printed();

        assertThat(resume()).isZero();

        assertThat(recorded()).isEmpty();
        assertThat(printed())
                .isEqualTo("Resumed. It was: Suspended by root since 2026-12-05T08:00:00Z until berth resume:"
                        + " migration\n");
    }

    @Test
    void resumingAHostNotSuspendedSaysSoAndSucceeds() {
        assertThat(resume()).isZero();

        assertThat(printed()).isEqualTo("Not suspended; nothing to resume.\n");
    }

    @Test
    void resumingAfterTheEndSaysTheSuspensionHadEndedAndRemovesIt() {
        suspend("--until", "30m");
        printed();
        clock.advance(Duration.ofHours(1));

        assertThat(resume()).isZero();

        assertThat(printed()).startsWith("Not suspended: the suspension had ended; removed it.");
        assertThat(state.resolve("suspension.json")).doesNotExist();
    }

    @Test
    void resumeRemovesAnUnreadableSuspension() throws IOException {
        Files.writeString(state.resolve("suspension.json"), "garbage");

        assertThat(resume("--output", "json")).isZero();

        JsonNode json = new ObjectMapper().readTree(printed());
        assertThat(json.at("/resumed").asBoolean()).isTrue();
        assertThat(json.at("/removed/kind").asText()).isEqualTo("unreadable");
        assertThat(state.resolve("suspension.json")).doesNotExist();
    }

    @Test
    void aDirectoryWithFilesInItIsNotDeletedAndResumeFailsSayingWhatToDo() throws IOException {
        Files.createDirectories(state.resolve("suspension.json/inside"));

        assertThat(resume()).isEqualTo(1);

        assertThat(err.toString()).contains("StateUnavailable").contains("rm -r " + state.resolve("suspension.json"));
        assertThat(state.resolve("suspension.json/inside")).exists();
    }

    @Test
    void suspendAnswersInJson() throws IOException {
        assertThat(suspend("--until", "2h", "--reason", "migration", "--output", "json"))
                .isZero();

        JsonNode json = new ObjectMapper().readTree(printed());
        assertThat(json.at("/suspension/by").asText()).isEqualTo("root");
        assertThat(json.at("/suspension/until").asText()).isEqualTo("2026-12-05T10:00:00Z");
        assertThat(json.at("/suspension/message").asText()).startsWith("Suspended by root since");
        assertThat(json.has("replaced")).isFalse();
    }

    @Test
    void bothAreCommandsOfBerth() {
        CommandLine cli = Main.commandLine((settings, bytes) -> new FakeHost());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("suspend", "--state-dir", state.toString(), "--reason", "via berth"))
                .isZero();
        assertThat(recorded().orElseThrow().reason()).isEqualTo("via berth");
        assertThat(cli.execute("resume", "--state-dir", state.toString())).isZero();
        assertThat(recorded()).isEmpty();
    }
}

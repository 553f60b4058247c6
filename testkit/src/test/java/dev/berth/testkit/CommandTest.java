package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTest {
    @TempDir
    Path dir;

    @Test
    void capturesExitCodeStdoutAndStderrSeparately() {
        CommandResult result =
                Command.of("sh", "-c", "echo out; echo err >&2; exit 3").run();

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.ok()).isFalse();
    }

    @Test
    void runOkThrowsWithTheCommandAndAllItsOutput() {
        assertThatThrownBy(() -> Command.of("sh", "-c", "echo the-out; echo the-err >&2; exit 7")
                        .runOk())
                .isInstanceOf(TestHostException.class)
                .hasMessageContaining("`sh -c echo the-out; echo the-err >&2; exit 7` exited with 7")
                .hasMessageContaining("the-out")
                .hasMessageContaining("the-err");
    }

    @Test
    void aCommandOutlivingItsTimeoutIsKilledWithItsChildren() throws InterruptedException {
        Path marker = dir.resolve("child-survived");
        String script = "(sleep 1; touch " + marker + ") & echo started; wait";

        assertThatThrownBy(() -> Command.of("sh", "-c", script)
                        .withTimeout(Duration.ofMillis(300))
                        .run())
                .isInstanceOf(TestHostException.class)
                .hasMessageContaining("did not finish within PT0.3S")
                .hasMessageContaining("started");
        Thread.sleep(1500);
        assertThat(marker).as("the killed command's child ran on").doesNotExist();
    }

    @Test
    void anExplicitEnvironmentReplacesTheInheritedOne() {
        CommandResult result = Command.of("/usr/bin/env")
                .withEnvironment(Map.of("ONLY", "this"))
                .runOk();

        assertThat(result.stdout()).isEqualTo("ONLY=this\n");
    }

    @Test
    void runsInTheGivenDirectory() {
        assertThat(Command.of("pwd").withDirectory(dir).runOk().stdout().strip())
                .isEqualTo(dir.toString());
    }

    @Test
    void aProgramThatDoesNotExistIsAnErrorNamingIt() {
        assertThatThrownBy(() -> Command.of("/nonexistent/berth-tool").run())
                .isInstanceOf(TestHostException.class)
                .hasMessageContaining("cannot run `/nonexistent/berth-tool`");
    }
}

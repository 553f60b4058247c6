package dev.berth.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.testkit.Command;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** berth --version names the version and the commit the build was made from. */
class VersionTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("berth.repo", ".."));

    @Test
    void versionNamesTheVersionAndTheCommit() {
        assertThat(version()).matches("berth \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{4,40}|unknown)\\)");
    }

    @Test
    void theCommitIsTheCheckedOutOneWhenBuiltFromGit() {
        assumeTrue(Files.exists(REPOSITORY.resolve(".git")), "built from a source tarball: the commit is unknown");
        String head = Command.of("git", "-C", REPOSITORY.toString(), "rev-parse", "--short", "HEAD")
                .runOk()
                .stdout()
                .strip();

        assertThat(version()).endsWith(" (commit " + head + ")");
    }

    @Test
    void everyCommandAnswersVersionTheSame() {
        String top = version();
        for (String command : BuiltFiles.commandLine().getSubcommands().keySet()) {
            assertThat(run(command, "--version")).isEqualTo(top);
        }
    }

    private static String version() {
        return run("--version");
    }

    private static String run(String... args) {
        CommandLine cli = BuiltFiles.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute(args)).isZero();
        return out.toString().strip();
    }
}

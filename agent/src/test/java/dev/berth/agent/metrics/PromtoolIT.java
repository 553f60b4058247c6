package dev.berth.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.Command;
import dev.berth.testkit.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped alert rules are valid for Prometheus, and their unit tests pass (promtool from Debian's prometheus). */
class PromtoolIT {
    private static final Path DASHBOARDS = Path.of(System.getProperty("berth.repo", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("dashboards");

    private static CommandResult promtool(String... args) {
        assertThat(Path.of("/usr/bin/promtool"))
                .as("promtool (apt-get install prometheus; scripts/test.sh does)")
                .exists();
        String[] argv = new String[args.length + 1];
        argv[0] = "/usr/bin/promtool";
        System.arraycopy(args, 0, argv, 1, args.length);
        return Command.of(argv).withDirectory(DASHBOARDS).run();
    }

    @Test
    void theAlertRulesCheckClean() {
        CommandResult check = promtool("check", "rules", "berth-alerts.rules.yml");

        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.stdout()).contains("SUCCESS: 8 rules found");
    }

    @Test
    void theAlertRuleTestsPass() {
        CommandResult test = promtool("test", "rules", "berth-alerts.test.yml");

        assertThat(test.exitCode()).as(test.describe()).isZero();
        assertThat(test.stdout()).contains("SUCCESS");
    }

    @Test
    void aBrokenRuleTestIsCaught() throws Exception {
        Path broken = Files.createTempFile(DASHBOARDS, ".broken-", ".test.yml");
        try {
            Files.writeString(
                    broken,
                    Files.readString(DASHBOARDS.resolve("berth-alerts.test.yml"))
                            .replace("summary: \"Berth rolled back hello on web-1\"", "summary: \"something else\""));

            CommandResult test = promtool("test", "rules", broken.getFileName().toString());

            assertThat(test.exitCode()).isNotZero();
        } finally {
            Files.deleteIfExists(broken);
        }
    }
}

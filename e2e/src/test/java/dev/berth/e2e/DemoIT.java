package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.Command;
import dev.berth.testkit.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo the README promises a newcomer runs as it is, and shows what it says. */
@OnceIsEnough
class DemoIT {
    @Test
    void theDemoRunsToTheEndAndShowsEachStepWorking() {
        CommandResult demo = Command.of(Repo.root().resolve("scripts/demo.sh").toString())
                .withTimeout(Duration.ofMinutes(5))
                .run();

        assertThat(demo.exitCode()).as(demo.describe()).isZero();
        assertThat(demo.stdout() + demo.stderr())
                .contains("/etc/berth/examples/hello.yaml: valid, 1 image")
                .contains("  + attach    hello 1.0      profile default, units hello*, enable, start")
                .contains("hello 1.0\n")
                .contains("No changes: the host matches the manifest (1 images).")
                .contains("hello 1.1\n")
                .contains("web 1.0\n")
                .contains("RootImage=/var/lib/portables/hello_1.1.raw")
                .contains("error: VerificationFailed: cannot fetch image hello 1.0")
                .contains(
                        "  - detach    web 1.0        stop, delete the units' data, disable, detach; delete web_1.0.raw")
                .contains("Last pass by berth agent")
                .contains("another Berth is already changing this host: berth agent (pid")
                .doesNotContain("nothing answers")
                .doesNotContain("Exception");
    }
}

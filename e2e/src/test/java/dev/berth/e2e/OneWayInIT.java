package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * plan and apply are assembled like the agent, from the host's configuration: they show and do what the agent
 * would, apply runs the agent's pass under its lock, and every kind of step and finding can be shown.
 */
class OneWayInIT extends HostTest {
    private final int port = FreePort.pick();

    @Test
    void aUnitStoppedByHandIsShownAsDriftByPlanAndPutBackByApply() {
        Published hello = shelf.publish(Images.hello("1.0", port));
        host.manifest(Shelf.manifest(hello.entry()));
        assertThat(host.apply().exitCode()).isZero();
        host.container.execOk("systemctl", "stop", "hello.service");

        CommandResult plan = host.plan();
        CommandResult json = host.berth("plan", "--output", "json");
        CommandResult apply = host.apply();

        assertThat(plan.exitCode()).as(plan.describe()).isEqualTo(2);
        assertThat(plan.stdout())
                .contains("~ start     hello 1.0      units are enabled: enable and start")
                .contains("~ drift     hello          units enabled (stopped outside Berth); put back");
        assertThat(plan.stderr()).doesNotContain("Exception");
        assertThat(json.exitCode()).as(json.describe()).isEqualTo(2);
        assertThat(json.stdout()).contains("\"drifted\"").contains("\"kind\" : \"stopped\"");
        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        assertThat(apply.stderr()).doesNotContain("Exception");
        assertThat(host.active("hello.service")).isTrue();
    }

    @Test
    void applyGatesOnHealthAndRollsBackAsTheAgentWouldAndWritesTheStatus() {
        // The broken release exits a second after it starts: a three-second window sees it.
        host.container.writeFile(BerthHost.CONFIG, BerthHost.TEST_CONFIG.replace("stableFor: 1s", "stableFor: 3s"));
        Published good = shelf.publish(Images.hello("1.0", port));
        host.manifest(Shelf.manifest(good.entry()));
        assertThat(host.apply().exitCode()).isZero();
        Published broken = shelf.publish(Images.brokenHello("2.0"));
        host.manifest(Shelf.manifest(broken.entry()));

        CommandResult apply = host.apply();
        CommandResult status = host.berth("status");

        assertThat(apply.exitCode()).as(apply.describe()).isEqualTo(1);
        assertThat(apply.stderr()).contains("HealthCheckFailed");
        assertThat(apply.stdout())
                .contains("hello          failed    HealthCheckFailed")
                .contains("restored to 1.0");
        assertThat(host.property("hello.service", "RootImage")).isEqualTo("/var/lib/portables/hello_1.0.raw");
        Http.awaitBody(port, "hello 1.0");
        assertThat(status.stdout()).contains("Last pass by berth apply").contains("restored to 1.0");
    }

    @Test
    void applyReadsTheHostsPolicy() {
        host.container.writeFile(BerthHost.CONFIG, BerthHost.TEST_CONFIG.replace("policy: {allowHttp: true}\n", ""));
        Published hello = shelf.publish(Images.hello("1.0", port));
        host.manifest(Shelf.manifest(hello.entry()));

        CommandResult plan = host.plan();
        CommandResult apply = host.apply();

        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.stdout()).contains("PolicyViolation").contains("plain http, which this host does not allow");
        assertThat(plan.stdout()).doesNotContain("No changes: the host matches");
        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(host.pool()).isEmpty();
    }

    @Test
    void aSecondApplyWhileOneRunsExitsOneNamingTheHolderAndChangesNothing() throws Exception {
        host.container.writeFile(BerthHost.CONFIG, BerthHost.TEST_CONFIG.replace("stableFor: 1s", "stableFor: 8s"));
        Published v1 = shelf.publish(Images.hello("1.0", port));
        host.manifest(Shelf.manifest(v1.entry()));
        host.startBerth("first-apply", "apply");
        Path lock = host.container.hostPath("/var/lib/berth/lock");
        Awaitility.await("the first apply holds the lock")
                .atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(lock) && Files.readString(lock).contains("berth apply"));
        Published v2 = shelf.publish(Images.hello("2.0", port));
        host.manifest(Shelf.manifest(v2.entry()));

        CommandResult second = host.apply();
        int first = host.exitCode("first-apply", Duration.ofSeconds(90));

        assertThat(second.exitCode()).as(second.describe()).isEqualTo(1);
        assertThat(second.stderr()).contains("berth apply (pid").contains("/var/lib/berth/lock");
        assertThat(first).isZero();
        assertThat(host.portablectlList()).contains("hello_1.0").doesNotContain("hello_2.0");
        assertThat(host.pool()).containsExactly("hello_1.0.raw");
    }
}

package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/**
 * A {@code berth apply} started in the background inside the host (a transient service, see
 * {@link BerthHost#startBerth}), to be killed with SIGKILL at a chosen moment: Berth dying in the middle of a pass.
 */
final class BackgroundApply {
    private final BerthHost host;
    private final String unit;

    private BackgroundApply(BerthHost host, String unit) {
        this.host = host;
        this.unit = unit;
    }

    static BackgroundApply start(BerthHost host) {
        String unit = "background-apply-" + System.nanoTime();
        host.startBerth(unit, "apply");
        return new BackgroundApply(host, unit);
    }

    /** Waits until {@code moment} holds while the apply still runs, then kills it and waits until it is gone. */
    void awaitThenKill(BooleanSupplier moment) {
        Awaitility.await("the moment to kill berth apply (" + unit + ")")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    assertThat(running())
                            .as("berth apply still running; it wrote:\n" + log())
                            .isTrue();
                    return moment.getAsBoolean();
                });
        host.container.exec("systemctl", "kill", "--signal=SIGKILL", unit + ".service");
        Awaitility.await("berth apply (" + unit + ") gone")
                .atMost(Duration.ofSeconds(20))
                .until(() -> !running());
    }

    String log() {
        return host.sh("cat /tmp/" + unit + ".out /tmp/" + unit + ".err 2>/dev/null || true");
    }

    private boolean running() {
        return host.property(unit + ".service", "SubState").equals("running");
    }
}

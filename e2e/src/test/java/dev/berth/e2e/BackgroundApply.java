package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/**
 * A {@code berth apply} started in the background inside the host, to be killed with SIGKILL at a chosen moment:
 * the agent dying in the middle of a pass. Only the process this starts is killed, by its PID.
 */
final class BackgroundApply {
    private static final String LOG = "/run/berth-background-apply.log";

    private final BerthHost host;
    private final String pid;

    private BackgroundApply(BerthHost host, String pid) {
        this.host = host;
        this.pid = pid;
    }

    static BackgroundApply start(BerthHost host) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String pid = host.sh(java + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar " + BerthHost.JAR
                + " apply --manifest " + BerthHost.MANIFEST + " --allow-http >" + LOG + " 2>&1 </dev/null & echo $!");
        return new BackgroundApply(host, pid);
    }

    /** Waits until {@code moment} holds while the apply still runs, then kills it and waits until it is gone. */
    void awaitThenKill(BooleanSupplier moment) {
        Awaitility.await("the moment to kill berth apply (PID " + pid + ")")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    assertThat(running())
                            .as("berth apply still running; it wrote:\n" + log())
                            .isTrue();
                    return moment.getAsBoolean();
                });
        host.sh("kill -KILL " + pid);
        Awaitility.await("berth apply (PID " + pid + ") gone")
                .atMost(Duration.ofSeconds(20))
                .until(() -> !running());
    }

    String log() {
        return host.sh("cat " + LOG + " 2>/dev/null || true");
    }

    private boolean running() {
        return host.container.exec("/bin/sh", "-c", "kill -0 " + pid).ok();
    }
}

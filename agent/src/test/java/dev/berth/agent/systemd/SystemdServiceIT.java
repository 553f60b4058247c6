package dev.berth.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.CommandResult;
import dev.berth.testkit.ContainerOptions;
import dev.berth.testkit.Suite;
import dev.berth.testkit.SystemdContainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier, the watchdog and the journal lines inside a real systemd: {@link NotifyProbe} runs in the container
 * as a transient Type=notify service, with the machine's JDK (bound at the same path) and libsystemd of the
 * container's Debian.
 */
class SystemdServiceIT {
    @TempDir
    static Path probeDir;

    private static SystemdContainer container;
    private static String classpath;

    @BeforeAll
    static void boot() {
        classpath = ProbeClasspath.prepare(probeDir);
        container = SystemdContainer.boot(
                Suite.fromSystemProperty(), ContainerOptions.defaults().bindReadOnly(probeDir, ProbeClasspath.MOUNT));
    }

    @AfterAll
    static void powerOff() {
        if (container != null) {
            container.close();
        }
    }

    /** Starts the probe as UNIT and waits, as systemd-run does, until systemd counts it started (READY=1). */
    private static void start(String unit, List<String> properties, long stepMillis) {
        List<String> command = new ArrayList<>(List.of("systemd-run", "--unit=" + unit, "-p", "Type=notify"));
        command.addAll(List.of("-p", "TimeoutStartSec=60"));
        for (String property : properties) {
            command.addAll(List.of("-p", property));
        }
        command.addAll(List.of(
                "--",
                ProbeClasspath.java(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                NotifyProbe.class.getName(),
                Long.toString(stepMillis)));
        CommandResult result = container.exec(Duration.ofSeconds(90), command.toArray(String[]::new));
        assertThat(result.ok())
                .as(result.describe() + "\n" + container.journal(unit))
                .isTrue();
    }

    private static Map<String, String> show(String unit, String... properties) {
        String out = container
                .execOk("systemctl", "show", "-p", String.join(",", properties), unit)
                .stdout();
        Map<String, String> values = new TreeMap<>();
        for (String line : out.split("\n", -1)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    private static String journal(String unit, String... options) {
        List<String> command = new ArrayList<>(List.of("journalctl", "--no-pager", "-o", "cat", "-u", unit));
        command.addAll(List.of(options));
        return container.execOk(command.toArray(String[]::new)).stdout();
    }

    @Test
    void readyAndStatusReachSystemdAndWatchdogPingsKeepTheServicePastWatchdogSec() {
        start("probe-ready", List.of("WatchdogSec=2"), 0);

        Map<String, String> started = show("probe-ready", "ActiveState", "SubState", "StatusText", "MainPID");
        assertThat(started)
                .containsEntry("ActiveState", "active")
                .containsEntry("SubState", "running")
                .containsEntry("StatusText", NotifyProbe.STATUS);
        String firstPing = show("probe-ready", "WatchdogTimestampMonotonic").get("WatchdogTimestampMonotonic");

        Awaitility.await()
                .during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(8))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        show("probe-ready", "ActiveState").get("ActiveState").equals("active"));

        Map<String, String> later = show("probe-ready", "MainPID", "NRestarts", "Result", "WatchdogTimestampMonotonic");
        assertThat(later.get("MainPID")).as("the same process, never restarted").isEqualTo(started.get("MainPID"));
        assertThat(later.get("Result")).isEqualTo("success");
        assertThat(later.get("WatchdogTimestampMonotonic"))
                .as("the last ping is newer than the first")
                .isNotEqualTo(firstPing);
    }

    @Test
    void aHungAgentStopsPingingAndSystemdKillsItForTheWatchdog() {
        start("probe-hang", List.of("WatchdogSec=2"), 0);

        container.execOk("touch", NotifyProbe.HANG);
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(show("probe-hang", "ActiveState", "Result"))
                            .containsEntry("ActiveState", "failed")
                            .containsEntry("Result", "watchdog"));
        } finally {
            container.execOk("rm", "-f", NotifyProbe.HANG);
        }
        assertThat(journal("probe-hang", "-p", "err")).contains("the agent made no progress");
    }

    @Test
    void logLinesAreFiledUnderTheirSyslogPriorities() {
        start("probe-log", List.of(), 0);

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> journal("probe-log").contains("probe ready"));
        String errors = journal("probe-log", "-p", "err");
        String warningsOnly = journal("probe-log", "-p", "warning..warning");
        String all = journal("probe-log", "-p", "debug");

        assertThat(errors)
                .contains("NotifyProbe: probe error line")
                .contains("java.lang.IllegalStateException: probe failure")
                .contains("\tat dev.berth.agent.systemd.NotifyProbe.main")
                .doesNotContain("probe info line")
                .doesNotContain("probe warn line");
        assertThat(warningsOnly).contains("NotifyProbe: probe warn line").doesNotContain("probe error line");
        assertThat(all)
                .contains("NotifyProbe: probe info line: journal=true notifier=LibsystemdNotifier")
                .doesNotContain("<6>")
                .doesNotContain("<3>");
    }

    @Test
    void sigtermLetsTheCurrentStepFinishAndTheStopCountsAsClean() {
        start(
                "probe-stop",
                List.of("WatchdogSec=2", "KillMode=mixed", "TimeoutStopSec=60", "SuccessExitStatus=143"),
                5000);

        CommandResult stop = container.exec(Duration.ofSeconds(90), "systemctl", "stop", "probe-stop");

        assertThat(stop.ok()).as(stop.describe()).isTrue();
        assertThat(container
                        .exec("systemctl", "is-failed", "--quiet", "probe-stop")
                        .ok())
                .as("failed after stop?\n" + container.journal("probe-stop"))
                .isFalse();
        String log = journal("probe-stop");
        assertThat(log)
                .as("the step outlived WatchdogSec=2 without a watchdog kill")
                .contains("probe stopping: finishing the current step")
                .contains("probe step done");
        assertThat(log.indexOf("probe step done")).isGreaterThan(log.indexOf("finishing the current step"));
    }

    @Test
    void withoutSuccessExitStatusAJvmStoppedBySigtermCountsAsFailed() {
        start("probe-143", List.of("KillMode=mixed"), 0);

        container.exec(Duration.ofSeconds(60), "systemctl", "stop", "probe-143");

        assertThat(show("probe-143", "Result", "ExecMainStatus"))
                .as("why berth-agent.service sets SuccessExitStatus=143")
                .containsEntry("Result", "exit-code")
                .containsEntry("ExecMainStatus", "143");
    }
}

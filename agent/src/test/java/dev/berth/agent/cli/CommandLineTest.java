package dev.berth.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.agent.FakeHost;
import dev.berth.agent.Main;
import dev.berth.agent.state.StateLock;
import dev.berth.agent.wiring.MachineFiles;
import dev.berth.model.host.AttachedImage;
import dev.berth.reconciler.fake.TestImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
    @TempDir
    Path dir;

    private final FakeHost host = new FakeHost();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path config;

    @BeforeEach
    void aHostConfiguration() throws IOException {
        config = dir.resolve("agent.yaml");
        Files.writeString(
                config, "apiVersion: berth.dev/v1\nkind: AgentConfig\nstateDir: " + dir.resolve("state") + "\n");
    }

    /** Runs berth; plan and apply read the test's configuration, as they would read /etc/berth/agent.yaml. */
    private int berth(String... args) {
        CommandLine cli = Main.commandLine((settings, bytes) -> host);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.isEmpty() && (all.get(0).equals("plan") || all.get(0).equals("apply")) && !all.contains("--help")) {
            all.add(1, "--config");
            all.add(2, config.toString());
        }
        return cli.execute(all.toArray(String[]::new));
    }

    private Path manifest(String images) throws IOException {
        Path file = dir.resolve("manifest.yaml");
        Files.writeString(file, "apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n" + images);
        return file;
    }

    private String entry(String name, String version, String sha) {
        return "  - name: " + name + "\n    version: \"" + version + "\"\n    url: https://images.example/" + name + "_"
                + version + ".raw\n    sha256: " + sha + "\n";
    }

    @Test
    void everySubcommandAnswersHelpWithItsOwnUsage() {
        for (String command : new String[] {"validate", "plan", "apply", "status", "agent"}) {
            out.getBuffer().setLength(0);

            assertThat(berth(command, "--help")).as("berth %s --help", command).isEqualTo(0);
            assertThat(out.toString()).startsWith("Usage: berth " + command);
        }
    }

    @Test
    void validateAcceptsAValidManifest() throws IOException {
        Path file = manifest(entry("hello", "1.0", "a".repeat(64)));

        assertThat(berth("validate", file.toString())).isEqualTo(0);
        assertThat(out.toString()).isEqualTo(file + ": valid, 1 image in 1 entry\n");
    }

    @Test
    void validateListsEveryProblemWithFileLineAndColumn() throws IOException {
        Path file = manifest("  - name: hello_world\n    version: \"1\"\n    url: ftp://x/y\n    sha256: abc\n");

        assertThat(berth("validate", file.toString())).isEqualTo(1);
        assertThat(err.toString())
                .contains("error: the manifest is invalid (3 problems):")
                .contains(file + ":4:11: images[0].name:")
                .contains(file + ":6:10: images[0].url:")
                .contains(file + ":7:13: images[0].sha256:");
    }

    @Test
    void validateCanAnswerInJson() throws IOException {
        Path file = manifest("  - name: hello\n");

        assertThat(berth("validate", "--output", "json", file.toString())).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.at("/error/reason").asText()).isEqualTo("ManifestInvalid");
        assertThat(json.at("/problems/0/line").asInt()).isEqualTo(4);
        assertThat(json.at("/problems/0/field").asText()).isEqualTo("images[0].version");
    }

    @Test
    void planShowsTheChangesAndExitsTwo() throws IOException {
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));

        assertThat(berth("plan", "--manifest", file.toString())).isEqualTo(2);
        assertThat(out.toString())
                .contains("Plan: 2 steps: 1 fetch, 1 attach")
                .contains("    fetch     hello 1.0      https://images.example/hello_1.0.raw")
                .contains("  + attach    hello 1.0      profile default, units hello*, enable, start");
        assertThat(host.portable.attached()).isEmpty();
    }

    @Test
    void applyConvergesAndThenPlanFindsNothingToDo() throws IOException {
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));

        assertThat(berth("apply", "--manifest", file.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("Converged: 2 steps: 1 fetch, 1 attach, all done.");
        assertThat(host.portable.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0");

        assertThat(berth("plan", "--manifest", file.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("No changes: the host matches the manifest (1 images).");
    }

    @Test
    void aWrongHashFailsApplyNamingTheImageAndAttachesNothing() throws IOException {
        host.publish(TestImage.service("hello", "1.0"));
        Path file = manifest(entry("hello", "1.0", "b".repeat(64)));

        assertThat(berth("apply", "--manifest", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("error: VerificationFailed: image hello 1.0");
        assertThat(out.toString())
                .contains("Not converged:")
                .contains("  hello          failed    VerificationFailed: image hello 1.0: downloaded sha256");
        assertThat(host.portable.attached()).isEmpty();
    }

    @Test
    void applyReportsInJson() throws IOException {
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));

        assertThat(berth("apply", "--manifest", file.toString(), "--output", "json"))
                .isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("converged").asBoolean()).isTrue();
        assertThat(json.at("/plan/steps/1/action").asText()).isEqualTo("attach");
        assertThat(json.get("revision").asText()).startsWith("sha256:");
    }

    @Test
    void aMissingPortabledIsOneClearErrorAndExitOne() throws IOException {
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));
        host.portable.setAvailable(false);

        assertThat(berth("apply", "--manifest", file.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: PortabledUnavailable:");
    }

    @Test
    void aRefusedImageMakesPlanExitOne() throws IOException {
        String path = host.portable.install(FakeHost.POOL, TestImage.service("hello", "0.1"));
        host.portable.attach(new dev.berth.reconciler.port.Attachment(
                path, java.util.List.of("hello"), "default", false, true, true));
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));

        assertThat(berth("plan", "--manifest", file.toString())).isEqualTo(1);
        assertThat(out.toString())
                .contains("  ! refused   hello          NotOwned: image hello is already attached")
                .contains("No changes can be made: 1 of 1 images refused")
                .doesNotContain("No changes: the host matches");
    }

    @Test
    void aMissingManifestFileIsNamed() {
        assertThat(berth("plan", "--manifest", dir.resolve("nope.yaml").toString()))
                .isEqualTo(1);
        assertThat(err.toString())
                .contains("error: SourceUnavailable: cannot read manifest " + dir.resolve("nope.yaml"));
    }

    @Test
    void applyCanWriteItsMetricsForTheTextfileCollector() throws IOException {
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));
        Path metrics = dir.resolve("textfile/berth.prom");

        assertThat(berth("apply", "--manifest", file.toString(), "--metrics-file", metrics.toString()))
                .isEqualTo(0);

        String text = Files.readString(metrics);
        assertThat(text)
                .contains("berth_image_converged{image=\"hello\"} 1.0")
                .contains("berth_reconcile_total{result=\"success\"} 1.0")
                .contains("berth_steps_total{action=\"attach\",result=\"success\"} 1.0")
                .doesNotContain("jvm_");
        try (var files = Files.list(metrics.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("berth.prom");
        }
    }

    @Test
    void aFailedChangeIsHeldUntilRetriedOnPurpose() throws IOException {
        host.publish(TestImage.service("hello", "1.0"));
        Path file = manifest(entry("hello", "1.0", "b".repeat(64)));
        assertThat(berth("apply", "--manifest", file.toString())).isEqualTo(1);
        int fetches = host.fetcher.fetched().size();

        int held = berth("apply", "--manifest", file.toString());
        int fetchesWhileHeld = host.fetcher.fetched().size();
        int retried = berth("apply", "--manifest", file.toString(), "--retry");

        assertThat(held).isEqualTo(1);
        assertThat(out.toString()).contains("! refused   hello          VerificationFailed: fetch of hello 1.0");
        assertThat(fetchesWhileHeld).isEqualTo(fetches);
        assertThat(retried).isEqualTo(1);
        assertThat(host.fetcher.fetched()).hasSize(fetches + 1);
    }

    @Test
    void planShowsAUnitStoppedByHandAsDriftThatApplyPutsBack() throws IOException {
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));
        assertThat(berth("apply", "--manifest", file.toString())).isEqualTo(0);
        host.portable.stopByHand("hello");
        out.getBuffer().setLength(0);

        assertThat(berth("plan", "--manifest", file.toString())).isEqualTo(2);
        assertThat(out.toString()).contains("~ start     hello 1.0").contains("~ drift     hello          units");
        assertThat(berth("apply", "--manifest", file.toString())).isEqualTo(0);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void applyRefusesToRunWhileAnotherBerthHoldsTheLockAndNamesIt() throws IOException {
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));

        try (StateLock held = StateLock.acquire(dir.resolve("state"), "berth agent")) {
            assertThat(berth("apply", "--manifest", file.toString())).isEqualTo(1);
        }

        assertThat(err.toString())
                .contains("berth agent (pid " + ProcessHandle.current().pid() + ")");
        assertThat(host.portable.attached()).isEmpty();
        assertThat(host.fetcher.fetched()).isEmpty();
    }

    @Test
    void planRunsWhileTheLockIsHeldAndWritesNothing() throws IOException {
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));

        try (StateLock held = StateLock.acquire(dir.resolve("state"), "berth agent")) {
            assertThat(berth("plan", "--manifest", file.toString())).isEqualTo(2);
        }

        assertThat(dir.resolve("state/status.json")).doesNotExist();
        assertThat(host.inventory.history()).isEmpty();
    }

    @Test
    void applyWritesTheStatusThatBerthStatusShows() throws IOException {
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));
        assertThat(berth("apply", "--manifest", file.toString())).isEqualTo(0);
        out.getBuffer().setLength(0);

        assertThat(berth("status", "--state-dir", dir.resolve("state").toString()))
                .isEqualTo(0);
        assertThat(out.toString()).contains("Last pass by berth apply").contains("hello          converged  1.0");
    }

    @Test
    void withoutASourceApplySaysWhereToGiveOne() {
        assertThat(berth("apply")).isEqualTo(1);
        assertThat(err.toString()).contains("give --manifest FILE or --git URL, or set source: in " + config);
    }

    @Test
    void theConfigurationsPolicyAppliesToPlan() throws IOException {
        Files.writeString(config, Files.readString(config) + "policy: {allowedProfiles: [strict]}\n");
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));

        assertThat(berth("plan", "--manifest", file.toString())).isEqualTo(1);
        assertThat(out.toString())
                .contains("! refused   hello          PolicyViolation")
                .contains("No changes can be made: 1 of 1 images refused")
                .doesNotContain("No changes: the host matches");
    }

    @Test
    void planSaysForWhichHostAndWhichEntryAppliedToEachImage() throws IOException {
        Files.writeString(
                config,
                Files.readString(config) + "host: {name: web-1, labels: {role: web}}\nmetrics: {hostLabels: [role]}\n");
        String v1 = host.publish(TestImage.service("hello", "1.0"));
        String v2 = host.publish(TestImage.service("hello", "2.0"));
        Path file = manifest(entry("hello", "1.0", v1) + "    hosts: {labels: {role: db}}\n" + entry("hello", "2.0", v2)
                + "    hosts: {names: [\"web-*\"]}\n");

        assertThat(berth("plan", "--manifest", file.toString())).isEqualTo(2);

        assertThat(out.toString())
                .startsWith("Host: web-1 (role=web)\nSource: " + file + " (sha256:")
                .contains("  + attach    hello 2.0      profile default, units hello*, enable, start (" + file + ":9)")
                .doesNotContain("hello 1.0");
    }

    @Test
    void planInJsonNamesTheHostAndEachStepsEntry() throws IOException {
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));

        assertThat(berth("plan", "--manifest", file.toString(), "--output", "json"))
                .isEqualTo(2);

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.at("/host/name").asText()).isEqualTo("fake-host");
        assertThat(json.at("/host/machineId").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(json.at("/steps/1/origin/file").asText()).isEqualTo(file.toString());
        assertThat(json.at("/steps/1/origin/line").asInt()).isEqualTo(4);
    }

    @Test
    void planWithoutAMachineIdSaysWhereItShouldBe() throws IOException {
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));
        host.machine = new MachineFiles(dir.resolve("hostname"), dir.resolve("machine-id"));
        Files.writeString(config, Files.readString(config) + "host: {name: web-1}\n");

        assertThat(berth("plan", "--manifest", file.toString())).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo("error: ManifestInvalid: cannot read the machine-id from " + dir.resolve("machine-id")
                        + ": no such file; create one with systemd-machine-id-setup\n");
    }

    @Test
    void validateChecksEveryEntryAndCountsEntriesAndImages() throws IOException {
        Path file = manifest(entry("hello", "1.0", "a".repeat(64)) + "    hosts: {labels: {ring: canary}}\n"
                + entry("hello", "2.0", "b".repeat(64)) + entry("web", "1.0", "c".repeat(64)));

        assertThat(berth("validate", file.toString())).isEqualTo(0);
        assertThat(out.toString()).isEqualTo(file + ": valid, 2 images in 3 entries\n");

        out.getBuffer().setLength(0);
        assertThat(berth("validate", "--output", "json", file.toString())).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("entries").asInt()).isEqualTo(3);
        assertThat(json.get("images")).extracting(JsonNode::asText).containsExactly("hello", "web");
    }

    @Test
    void validateRefusesAnEntryNoHostCanEverGetEvenIfThisHostWouldNotSeeIt() throws IOException {
        Path file = manifest(entry("hello", "1.0", "a".repeat(64)) + "    hosts: {labels: {ring: canary}}\n"
                + entry("hello", "2.0", "b".repeat(64)) + "    hosts: {labels: {ring: canary}}\n");

        assertThat(berth("validate", file.toString())).isEqualTo(1);
        assertThat(err.toString())
                .contains(file + ":13:12: images[1].hosts: this entry for image \"hello\" (" + file + ":9) can never"
                        + " apply: the entry at " + file + ":4 has the same hosts: selector");
    }

    @Test
    void applyWritesWhoTheHostIsIntoTheMetricsFileAndTheStatus() throws IOException {
        Files.writeString(
                config,
                Files.readString(config) + "host: {labels: {role: web, site: fra1}}\nmetrics: {hostLabels: [role]}\n");
        Path file = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));
        Path metrics = dir.resolve("berth.prom");

        assertThat(berth("apply", "--manifest", file.toString(), "--metrics-file", metrics.toString()))
                .isEqualTo(0);
        out.getBuffer().setLength(0);
        assertThat(berth("status", "--state-dir", dir.resolve("state").toString()))
                .isEqualTo(0);

        assertThat(Files.readString(metrics)).contains("berth_host_info{name=\"fake-host\",role=\"web\"} 1\n");
        assertThat(out.toString())
                .contains("Host:        fake-host (role=web, site=fra1), machine-id 0123456789abcdef0123456789abcdef");
    }

    @Test
    void anUpgradeWaitsForTheMaintenanceWindowAndPlanAndStatusSaySo() throws IOException {
        // The fake host's clock starts on Saturday 28 November 2026 at 12:00 UTC.
        Files.writeString(
                config, Files.readString(config) + "maintenance:\n  - {days: [sat], start: \"13:00\", duration: 1h}\n");
        Path v1 = manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))));
        assertThat(berth("apply", "--manifest", v1.toString())).isEqualTo(0);
        Path v2 = manifest(entry("hello", "2.0", host.publish(TestImage.service("hello", "2.0"))));

        berth("apply", "--manifest", v2.toString());
        out.getBuffer().setLength(0);
        berth("plan", "--manifest", v2.toString());

        assertThat(out.toString())
                .contains("hello          the move to 2.0 is waiting for the maintenance window at"
                        + " 2026-11-28T13:00:00Z");
        assertThat(host.portable.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0");

        out.getBuffer().setLength(0);
        berth("status", "--config", config.toString());
        assertThat(out.toString())
                .contains("\nMaintenance: sat 13:00 for 1h UTC; ")
                .contains("the move to 2.0 is waiting for the maintenance window at 2026-11-28T13:00:00Z");

        host.clock.advance(Duration.ofHours(1));
        assertThat(berth("apply", "--manifest", v2.toString())).isEqualTo(0);
        assertThat(host.portable.attached()).extracting(AttachedImage::label).containsExactly("hello 2.0");
    }

    /** hello at {@code version}, rolled out to hosts no selector names first, then to every host {@code every}. */
    private Path rolledOut(String version, String rollout) throws IOException {
        return manifest(entry("hello", version, host.publish(TestImage.service("hello", version)))
                + "    rollout:\n      waves: [{hosts: {names: [\"no-such-host-*\"]}}, {percent: 100}]\n" + rollout);
    }

    @Test
    void aNewVersionWaitsForTheHostsWaveCountedFromWhenApplyFirstSawIt() throws IOException {
        assertThat(berth(
                        "apply",
                        "--manifest",
                        rolledOut("1.0", "      every: 1h\n").toString()))
                .isEqualTo(0);
        Instant seen = host.clock.instant();
        Path v2 = rolledOut("2.0", "      every: 1h\n");

        berth("apply", "--manifest", v2.toString());
        host.clock.advance(Duration.ofMinutes(10));
        out.getBuffer().setLength(0);
        berth("plan", "--manifest", v2.toString());

        assertThat(out.toString()).contains("waiting for wave 2 at " + seen.plus(Duration.ofHours(1)));
        assertThat(dir.resolve("state/rollouts.json")).exists();
        assertThat(host.portable.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0");

        host.clock.advance(Duration.ofMinutes(50));
        assertThat(berth("apply", "--manifest", v2.toString())).isEqualTo(0);
        assertThat(host.portable.attached()).extracting(AttachedImage::label).containsExactly("hello 2.0");
    }

    @Test
    void aHostWaitsForItsWaveFirstAndThenForItsMaintenanceWindow() throws IOException {
        // Saturday 28 November 2026, 12:00 UTC (and 10 s of health check): the wave starts at 13:00, the window
        // opens at 14:00.
        Files.writeString(
                config, Files.readString(config) + "maintenance: [{days: [sat], start: \"14:00\", duration: 1h}]\n");
        assertThat(berth(
                        "apply",
                        "--manifest",
                        rolledOut("1.0", "      every: 1h\n").toString()))
                .isEqualTo(0);
        Path v2 = rolledOut("2.0", "      every: 1h\n");

        berth("apply", "--manifest", v2.toString());
        assertThat(out.toString()).contains("waiting for wave 2 at 2026-11-28T13:00");

        host.clock.advance(Duration.ofHours(1));
        out.getBuffer().setLength(0);
        berth("apply", "--manifest", v2.toString());
        assertThat(out.toString()).contains("waiting for the maintenance window at 2026-11-28T14:00:00Z");
        assertThat(host.portable.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0");

        host.clock.advance(Duration.ofHours(1));
        assertThat(berth("apply", "--manifest", v2.toString())).isEqualTo(0);
        assertThat(host.portable.attached()).extracting(AttachedImage::label).containsExactly("hello 2.0");
    }

    @Test
    void aLaterWaveIsHaltedWhilePrometheusCannotBeAsked() throws IOException {
        Files.writeString(
                config, Files.readString(config) + "fleet: {prometheus: \"http://127.0.0.1:1\", timeout: 5s}\n");
        assertThat(berth(
                        "apply",
                        "--manifest",
                        rolledOut("1.0", "      every: 1h\n").toString()))
                .isEqualTo(0);
        out.getBuffer().setLength(0);

        berth(
                "plan",
                "--manifest",
                rolledOut("2.0", "      every: 1h\n      start: 2026-01-01T00:00:00Z\n")
                        .toString());

        assertThat(out.toString())
                .contains("RolloutHalted: cannot tell whether any host failed hello 2.0: Prometheus at"
                        + " http://127.0.0.1:1 could not be asked (");
        assertThat(host.portable.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0");
    }

    @Test
    void aSuspendedHostChangesNothingUntilResumed() throws IOException {
        assertThat(berth(
                        "apply",
                        "--manifest",
                        manifest(entry("hello", "1.0", host.publish(TestImage.service("hello", "1.0"))))
                                .toString()))
                .isEqualTo(0);
        Path v2 = manifest(entry("hello", "2.0", host.publish(TestImage.service("hello", "2.0"))));
        String state = dir.resolve("state").toString();
        assertThat(berth("suspend", "--state-dir", state, "--reason", "kernel migration"))
                .isEqualTo(0);
        out.getBuffer().setLength(0);

        assertThat(berth("plan", "--manifest", v2.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("the move to 2.0 is suspended by ").contains(": kernel migration");
        assertThat(berth("apply", "--manifest", v2.toString())).isEqualTo(1);
        assertThat(host.portable.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0");

        assertThat(berth("resume", "--state-dir", state)).isEqualTo(0);
        assertThat(berth("apply", "--manifest", v2.toString())).isEqualTo(0);
        assertThat(host.portable.attached()).extracting(AttachedImage::label).containsExactly("hello 2.0");
    }

    @Test
    void agentCheckReadsTheTriggerSecretAsTheAgentWould() throws IOException {
        Path secret = Files.writeString(dir.resolve("trigger.secret"), "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(
                config,
                "apiVersion: berth.dev/v1\nkind: AgentConfig\nsource: {manifest: " + dir.resolve("m.yaml") + "}\n"
                        + "trigger: {secretFile: " + secret + "}\n");

        assertThat(berth("agent", "--check", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("trigger's secret file " + secret + " is open to group or others");

        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));

        assertThat(berth("agent", "--check", "--config", config.toString())).isZero();
        assertThat(out.toString()).startsWith(config + ": valid, for host ");
    }
}

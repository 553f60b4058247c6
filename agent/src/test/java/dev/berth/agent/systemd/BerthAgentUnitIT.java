package dev.berth.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.Command;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.ContainerOptions;
import dev.berth.testkit.FreePort;
import dev.berth.testkit.PortableImage;
import dev.berth.testkit.Suite;
import dev.berth.testkit.SystemdContainer;
import dev.berth.testkit.git.GitDaemon;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Resource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped packaging/berth-agent.service, installed as it is in a real systemd, with only ExecStart= swapped
 * (same JVM flags) for {@link HardeningProbe}: it must do the agent's whole work (git over git://, an image download
 * over http, the pool, D-Bus to portabled) under the unit's hardening, notify and stop cleanly.
 */
class BerthAgentUnitIT {
    private static final Logger log = LoggerFactory.getLogger(BerthAgentUnitIT.class);
    private static final String UNIT = "berth-agent.service";
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+) (\\S+)");

    @TempDir
    static Path work;

    private static MisbehavingHttpServer images;
    private static GitDaemon git;
    private static SystemdContainer container;
    private static final int helloPort = FreePort.pick();

    @BeforeAll
    static void install() throws Exception {
        Path jar = Path.of("target", "berth.jar").toAbsolutePath();
        assertThat(jar).as("the shaded jar (mvn package builds it)").exists();
        images = MisbehavingHttpServer.start();
        byte[] raw = Files.readAllBytes(PortableImage.named("hello")
                .version("1.0")
                .service("hello", "/usr/bin/busybox httpd -f -p 127.0.0.1:" + helloPort + " -h /usr/lib/www")
                .file("usr/lib/www/index.html", "hello 1.0\n")
                .buildRaw(Files.createDirectories(work.resolve("images"))));
        images.put("/hello_1.0.raw", Resource.of(raw));
        Path fleet = Files.createDirectories(work.resolve("repos").resolve("fleet"));
        Files.writeString(
                fleet.resolve("manifest.yaml"),
                "apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n  - name: hello\n    version: \"1.0\"\n"
                        + "    url: " + images.uri("/hello_1.0.raw") + "\n    sha256: " + sha256(raw) + "\n");
        gitIn(fleet, "init", "-q", "-b", "main");
        gitIn(fleet, "add", "manifest.yaml");
        gitIn(fleet, "commit", "-q", "-m", "hello 1.0");
        git = GitDaemon.start(work.resolve("repos"), work.resolve("git-daemon.log"));

        Path testClasses = Path.of(HardeningProbe.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        container = SystemdContainer.boot(
                Suite.fromSystemProperty(),
                ContainerOptions.defaults()
                        .bindReadOnly(jar, HardeningProbe.JAR)
                        .bindReadOnly(testClasses, "/opt/probe"));
        // Debian's java alternative, as the unit expects it.
        container.execOk("ln", "-sf", ProbeClasspath.java(), "/usr/bin/java");
        container.copyIn(UnitFile.packaging().resolve("berth-agent.service"), "/etc/systemd/system/" + UNIT);
        container.copyIn(UnitFile.packaging().resolve("berth"), "/usr/bin/berth");
        container.execOk("chmod", "755", "/usr/bin/berth");
        container.writeFile(
                "/etc/systemd/system/" + UNIT + ".d/probe.conf",
                // The probe takes its source from its command line: no /etc/berth/agent.yaml to wait for.
                "[Unit]\nConditionPathExists=\n[Service]\nExecStart=\nExecStart=/usr/bin/java "
                        + String.join(" ", UnitFile.jvmFlags())
                        + " -cp " + HardeningProbe.JAR + ":/opt/probe " + HardeningProbe.class.getName()
                        + " --git " + git.url("fleet") + " --allow-http\n");
        container.execOk("systemctl", "daemon-reload");
    }

    @AfterAll
    static void tearDown() {
        if (container != null) {
            container.close();
        }
        if (git != null) {
            git.close();
        }
        if (images != null) {
            images.close();
        }
    }

    @Test
    void theAgentsWholeWorkSucceedsUnderTheUnitsHardeningAndAStopIsClean() throws Exception {
        CommandResult start = container.exec(Duration.ofMinutes(3), "systemctl", "start", UNIT);
        assertThat(start.ok())
                .as(start.describe() + "\n" + container.journal(UNIT, 200))
                .isTrue();

        assertThat(show("StatusText"))
                .as(container.journal(UNIT, 200))
                .isEqualTo("hardening probe: all 14 checks passed");
        assertThat(container
                        .exec("systemctl", "is-active", "--quiet", "hello.service")
                        .ok())
                .isTrue();
        assertThat(get(helloPort)).isEqualTo("hello 1.0\n");
        assertThat(container
                        .exec("test", "-e", HardeningProbe.PRIVATE_TMP_MARKER)
                        .ok())
                .as("the probe's /tmp file outside its private /tmp")
                .isFalse();
        String journal = container
                .execOk("journalctl", "--no-pager", "-t", "berth-agent", "-o", "cat")
                .stdout();
        Files.writeString(
                Path.of("target", "berth-agent-journal-" + container.suite().codename() + ".txt"), journal);
        assertThat(journal)
                .as("journal lines under the unit's SyslogIdentifier")
                .contains("check 'berth apply': ok")
                .as("neither the JVM nor a library complains about the sandbox (a hidden /root, a read-only /etc)")
                .doesNotContainIgnoringCase("warn")
                .doesNotContainIgnoringCase("error");
        assertThat(container
                        .execOk("journalctl", "--no-pager", "-u", UNIT, "-p", "warning", "-o", "cat")
                        .stdout()
                        .strip())
                .as("warnings and errors of the unit")
                .isIn("", "-- No entries --");

        CommandResult stop = container.exec(Duration.ofMinutes(2), "systemctl", "stop", UNIT);
        assertThat(stop.ok()).as(stop.describe()).isTrue();
        assertThat(show("ActiveState")).isEqualTo("inactive");
        assertThat(show("Result"))
                .as("a JVM stopped by SIGTERM exits 143: SuccessExitStatus=")
                .isEqualTo("success");
    }

    @Test
    void theUnitFileHasNoSettingThisSystemdDoesNotKnow() {
        CommandResult verify = container.exec("systemd-analyze", "verify", "--man=no", "/etc/systemd/system/" + UNIT);

        assertThat(verify.ok()).as(verify.describe()).isTrue();
        assertThat(verify.stderr()).doesNotContainIgnoringCase("unknown").doesNotContainIgnoringCase("ignoring");
    }

    @Test
    void systemdAnalyzeSecurityRatesTheUnitAsWellProtected() throws IOException {
        String report = container
                .exec("systemd-analyze", "security", "--no-pager", UNIT)
                .stdout();
        Files.writeString(
                Path.of(
                        "target",
                        "systemd-analyze-security-" + container.suite().codename() + ".txt"),
                report);
        Matcher matcher = EXPOSURE.matcher(report);

        assertThat(matcher.find()).as(report).isTrue();
        log.info("systemd {}: exposure {} {}", container.systemdVersion(), matcher.group(1), matcher.group(2));
        assertThat(Double.parseDouble(matcher.group(1))).as(report).isLessThanOrEqualTo(3.0);
    }

    @Test
    void theBerthWrapperRunsTheCommandLine() {
        CommandResult version = container.exec("/usr/bin/berth", "--version");

        assertThat(version.ok()).as(version.describe()).isTrue();
        assertThat(version.stdout().strip())
                .as("the jar's Implementation-Version")
                .matches("berth \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void berthCdsWritesARootOwnedArchiveThatTheBerthCommandMaps() {
        container.copyIn(UnitFile.packaging().resolve("berth-cds"), "/usr/lib/berth/berth-cds");
        container.execOk("chmod", "755", "/usr/lib/berth/berth-cds");

        CommandResult built = container.exec(Duration.ofMinutes(3), "/usr/lib/berth/berth-cds");

        assertThat(built.ok()).as(built.describe()).isTrue();
        assertThat(built.stderr()).as(built.describe()).contains("wrote /var/cache/berth/berth.jsa");
        assertThat(container
                        .execOk("stat", "-c", "%U %G %a %F", "/var/cache/berth", "/var/cache/berth/berth.jsa")
                        .stdout())
                .as("nobody but root may replace what the agent maps")
                .isEqualTo("root root 755 directory\nroot root 644 regular file\n");
        CommandResult mapped = container.exec("env", "BERTH_JAVA_OPTS=-Xshare:on", "/usr/bin/berth", "--version");
        assertThat(mapped.ok())
                .as("-Xshare:on fails when the archive does not map: " + mapped.describe())
                .isTrue();
        CommandResult stale = container.exec(
                "env", "BERTH_JAVA_OPTS=-XX:SharedArchiveFile=/usr/lib/berth/berth.jar", "/usr/bin/berth", "--version");
        assertThat(stale.ok() && stale.stderr().isEmpty() && stale.stdout().startsWith("berth "))
                .as("an archive the JVM cannot use is skipped without a word: " + stale.describe())
                .isTrue();
    }

    private static String show(String property) {
        return container
                .execOk("systemctl", "show", "--value", "-p", property, UNIT)
                .stdout()
                .strip();
    }

    private static String get(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static void gitIn(Path dir, String... args) {
        String[] argv = new String[args.length + 7];
        argv[0] = "git";
        argv[1] = "-C";
        argv[2] = dir.toString();
        argv[3] = "-c";
        argv[4] = "user.name=Berth Test";
        argv[5] = "-c";
        argv[6] = "user.email=test@berth.invalid";
        System.arraycopy(args, 0, argv, 7, args.length);
        Command.of(argv).runOk();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

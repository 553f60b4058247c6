package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import dev.berth.testkit.Suite;
import dev.berth.testkit.SystemdContainer;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package as an administrator uses it: apt installs it (resolving its Depends from what the host has:
 * the Java runtime of the release, systemd-container), nothing starts until /etc/berth/agent.yaml exists, the
 * agent then converges the host, and removing or purging the package leaves the services it deployed attached,
 * running and in the pool.
 */
class DebianPackageIT {
    private static final String UNIT = "berth-agent.service";
    // Outside /etc/berth: purging the package must find only its own configuration there.
    private static final String MANIFEST = "/srv/fleet/manifest.yaml";
    private static final String CONFIG = """
            apiVersion: berth.dev/v1
            kind: AgentConfig
            source:
              manifest: /srv/fleet/manifest.yaml
            interval: 3s
            health: {stableFor: 1s, timeout: 30s}
            policy: {allowHttp: true}
            metrics: {listen: "off"}
            """;

    @TempDir
    Path images;

    private final int port = FreePort.pick();
    private Shelf shelf;
    private SystemdContainer host;

    @BeforeEach
    void bootAHostWithThePackageCopiedIn() {
        shelf = new Shelf(images);
        host = SystemdContainer.boot(Suite.fromSystemProperty());
        Path deb = DebianPackage.file();
        host.copyIn(deb, "/root/" + deb.getFileName());
    }

    @AfterEach
    void powerOff() {
        host.close();
        shelf.close();
    }

    @Test
    void aptInstallsAnAgentThatWaitsForItsConfigurationAndRemovingOrPurgingItLeavesTheServicesRunning() {
        apt("install", "./" + DebianPackage.file().getFileName());

        assertThat(sh("dpkg-query -W -f '${Status}' berth")).isEqualTo("install ok installed");
        assertThat(sh("systemctl is-enabled " + UNIT + " || true")).isEqualTo("enabled");
        assertThat(property(UNIT, "ActiveState"))
                .as("installing alone starts nothing")
                .isEqualTo("inactive");
        assertThat(sh("test -f /etc/berth/agent.yaml.example && echo ok")).isEqualTo("ok");
        assertThat(sh("dpkg-query --control-show berth conffiles")).contains("/etc/berth/agent.yaml.example");
        assertThat(sh("ls /usr/share/man/man1/berth.1.gz /usr/share/man/man1/berth-plan.1.gz"))
                .as("the man pages")
                .contains("berth.1.gz", "berth-plan.1.gz");
        assertThat(sh("ls /usr/share/bash-completion/completions/berth /usr/share/zsh/vendor-completions/_berth"))
                .as("bash and zsh completion")
                .contains("completions/berth", "_berth");
        assertThat(sh("berth --version")).matches("berth \\S+ \\(commit [0-9a-f]{7,}\\)");
        assertThat(sh("stat -c '%U %a' /var/cache/berth/berth.jsa"))
                .as("postinst built the class-data archive, root's")
                .isEqualTo("root 644");

        Published hello = shelf.publish(Images.hello("1.0", port));
        host.writeFile(MANIFEST, Shelf.manifest(hello.entry()));
        CommandResult validate = host.exec(Duration.ofMinutes(1), "berth", "validate", MANIFEST);
        assertThat(validate.ok())
                .as("/usr/bin/berth on the host's own Java: " + validate.describe())
                .isTrue();
        host.writeFile("/etc/berth/agent.yaml", CONFIG);
        CommandResult start = host.exec(Duration.ofMinutes(2), "systemctl", "enable", "--now", UNIT);
        assertThat(start.ok()).as(start.describe()).isTrue();
        awaitActive("hello.service");
        Http.awaitBody(port, "hello 1.0");
        String before = attached();
        assertThat(property("hello.service", "RootImage")).isEqualTo("/var/lib/portables/hello_1.0.raw");

        apt("remove", "berth");

        assertThat(sh("test -e /usr/lib/systemd/system/" + UNIT + " && echo there || echo gone"))
                .isEqualTo("gone");
        assertThat(property(UNIT, "ActiveState")).as("the agent is stopped").isEqualTo("inactive");
        assertStillRunning(before);
        assertThat(sh("test -d /var/lib/berth && test -f /etc/berth/agent.yaml && echo kept"))
                .as("remove keeps the state and the configuration")
                .isEqualTo("kept");

        apt("purge", "berth");

        assertStillRunning(before);
        assertThat(sh("test -e /var/lib/berth && echo there || echo gone"))
                .as("purge removes the agent's state")
                .isEqualTo("gone");
        assertThat(sh("test -e /etc/berth && echo there || echo gone"))
                .as("purge removes the configuration")
                .isEqualTo("gone");
        assertThat(sh("test -e /var/cache/berth && echo there || echo gone"))
                .as("purge removes the class-data archive")
                .isEqualTo("gone");
        assertThat(sh("dpkg-query -W -f '${Status}' berth 2>/dev/null || true")).doesNotContain("installed");
    }

    /** The deployed service as it was: the same process, its image attached and in the pool. */
    private void assertStillRunning(String before) {
        assertThat(attached()).isEqualTo(before);
        assertThat(sh("portablectl list --no-legend")).contains("hello_1.0");
        assertThat(sh("ls -A /var/lib/portables")).contains("hello_1.0.raw");
        Http.awaitBody(port, "hello 1.0");
    }

    /** hello.service's image, state and main process. */
    private String attached() {
        return sh("systemctl show --value -p RootImage,ActiveState,MainPID hello.service | tr '\\n' ' '");
    }

    private void apt(String verb, String packageName) {
        // In /root, where the package was copied: apt takes a local file for a path starting with ./ or /. The
        // host's apt has no package lists, so only what is installed can satisfy Depends (not --no-download, with
        // which apt refuses a relative path to a local package).
        CommandResult result = host.exec(
                Duration.ofMinutes(5),
                "/bin/sh",
                "-c",
                "cd /root && DEBIAN_FRONTEND=noninteractive apt-get -y \"$0\" \"$1\"",
                verb,
                packageName);
        assertThat(result.ok())
                .as("apt-get %s %s: %s", verb, packageName, result.describe())
                .isTrue();
    }

    private void awaitActive(String unit) {
        try {
            Awaitility.await(unit + " active")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() ->
                            host.exec("systemctl", "is-active", "--quiet", unit).ok());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    unit + " did not become active; the agent's journal:\n" + host.journal("berth-agent", 80), e);
        }
    }

    private String property(String unit, String name) {
        return sh("systemctl show --value -p " + name + " " + unit);
    }

    private String sh(String script) {
        return host.execOk("/bin/sh", "-c", script).stdout().strip();
    }
}

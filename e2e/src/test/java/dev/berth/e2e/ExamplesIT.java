package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.Command;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.ContainerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example in examples/ works as written: the images examples/build-images.sh builds have exactly the sha256
 * the manifests pin, and each manifest converges a real host.
 */
class ExamplesIT {
    private static final int IMAGE_PORT = 8765;

    @TempDir
    Path images;

    private Process server;
    private BerthHost host;

    @BeforeEach
    void publishTheExampleImages() throws IOException {
        Command.of(Repo.examples().resolve("build-images.sh").toString(), images.toString())
                .withTimeout(Duration.ofMinutes(2))
                .runOk();
        server = new ProcessBuilder("busybox", "httpd", "-f", "-p", "127.0.0.1:" + IMAGE_PORT, "-h", images.toString())
                .redirectErrorStream(true)
                .start();
        host = BerthHost.boot(ContainerOptions.defaults().bindReadOnly(Repo.examples(), "/etc/berth/examples"));
    }

    @AfterEach
    void stop() {
        host.close();
        server.destroy();
    }

    @Test
    void everyExampleManifestIsValid() throws IOException {
        for (Path example : exampleManifests()) {
            if (example.getFileName().toString().equals("agent.yaml")) {
                continue;
            }
            CommandResult validate = host.berth("validate", "/etc/berth/examples/" + example.getFileName());
            assertThat(validate.exitCode()).as(validate.describe()).isZero();
        }
    }

    @Test
    void helloThenFleetThenCompressedConvergeTheHostAsTheCommentsSay() throws IOException {
        assertThat(exampleManifests())
                .extracting(p -> p.getFileName().toString())
                .as("a new example needs its own assertions here")
                .containsExactly(
                        "agent.yaml",
                        "compressed.yaml",
                        "extensions.yaml",
                        "fleet.yaml",
                        "hello.yaml",
                        "targeted.yaml");

        CommandResult hello = apply("hello.yaml");
        Http.awaitBody(8081, "hello 1.0");
        assertThat(host.property("hello.service", "MemoryMax")).isEqualTo(Long.toString(64L << 20));
        CommandResult fleet = apply("fleet.yaml");

        assertThat(hello.stdout()).contains("Converged");
        assertThat(fleet.stdout()).contains("~ upgrade   hello          version 1.0 -> 1.1");
        Http.awaitBody(8081, "hello 1.1");
        Http.awaitBody(8082, "web 1.0");
        assertThat(host.property("web.socket", "ActiveState")).isEqualTo("active");
        assertThat(host.sh("readlink /etc/systemd/system.attached/web@.service.d/10-profile.conf"))
                .endsWith("/profile/strict/service.conf");
        assertThat(host.pool()).containsExactlyInAnyOrder("hello_1.1.raw", "web_1.0.raw");
        assertThat(host.property("hello.service", "MemoryMax")).isEqualTo(Long.toString(64L << 20));
        assertThat(host.property("hello.service", "CPUQuotaPerSecUSec")).isEqualTo("500ms");
        assertThat(host.property("hello.service", "TasksMax")).isEqualTo("32");
        assertThat(host.property("hello.service", "IPAddressDeny")).contains("0.0.0.0/0");
        assertThat(host.sh("cat /etc/systemd/system/web@.service.d/50-berth-limits.conf"))
                .contains("MemoryMax=32M", "TasksMax=16");

        CommandResult compressed = apply("compressed.yaml");

        assertThat(compressed.stdout())
                .contains("~ upgrade   hello          version 1.1 -> 1.2")
                .contains("- detach    web 1.0        stop, delete the units' data, disable, detach");
        Http.awaitBody(8081, "hello 1.2");
        assertThat(host.pool()).containsExactly("hello_1.2.raw");
        assertThat(host.property("hello.service", "RootImage")).isEqualTo("/var/lib/portables/hello_1.2.raw");
    }

    @Test
    void theExtensionsExampleRunsTwoAppsOnOneSharedBaseFile() {
        CommandResult extensions = apply("extensions.yaml");

        assertThat(extensions.stdout()).contains("Converged");
        Http.awaitBody(8083, "shop 1.0");
        Http.awaitBody(8084, "blog 1.0");
        for (String app : List.of("shop", "blog")) {
            assertThat(host.property(app + ".service", "RootImage")).isEqualTo("/var/lib/portables/base_1.raw");
            assertThat(host.property(app + ".service", "ExtensionImages"))
                    .contains("/var/lib/portables/" + app + "_1.0.raw");
        }
        assertThat(host.pool()).containsExactlyInAnyOrder("base_1.raw", "shop_1.0.raw", "blog_1.0.raw");
    }

    @Test
    void theTargetedExampleRendersEachHostItsOwnImages() {
        CommandResult canary = host.berth(
                "render",
                "--manifest",
                "/etc/berth/examples/targeted.yaml",
                "--host",
                "web-1",
                "--label",
                "ring=canary");
        CommandResult other = host.berth("render", "--manifest", "/etc/berth/examples/targeted.yaml", "--host", "db-1");

        assertThat(canary.exitCode()).as(canary.describe()).isZero();
        assertThat(other.exitCode()).as(other.describe()).isZero();
        assertThat(canary.stdout())
                .contains("  - name: hello\n    version: \"1.1\"\n")
                .contains("  - name: web\n");
        assertThat(other.stdout())
                .contains("  - name: hello\n    version: \"1.0\"\n")
                .doesNotContain("name: web");
    }

    private CommandResult apply(String example) {
        CommandResult apply = host.berth("apply", "--manifest", "/etc/berth/examples/" + example, "--allow-http");
        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        return apply;
    }

    @Test
    void theExampleAgentConfigurationKeepsTheHostAtTheFleetManifest() {
        host.close();
        try (AgentHost agent =
                AgentHost.install(ContainerOptions.defaults().bindReadOnly(Repo.examples(), "/etc/berth/examples"))) {
            CommandResult check = agent.host.berth("agent", "--check", "--config", "/etc/berth/examples/agent.yaml");
            assertThat(check.exitCode()).as(check.describe()).isZero();

            agent.start(AgentHost.read(Repo.examples().resolve("agent.yaml")));

            agent.awaitStatus(
                    "the fleet converged",
                    Duration.ofSeconds(90),
                    s -> s.at("/lastPass/outcome").asText().equals("CONVERGED")
                            && s.at("/images").size() == 2);
            Http.awaitBody(8081, "hello 1.1");
            Http.awaitBody(8082, "web 1.0");
            assertThat(Http.get(9741, "/metrics"))
                    .hasValueSatisfying(m -> assertThat(m)
                            .contains("berth_image_converged{image=\"web\"} 1.0")
                            .contains("berth_image_converged{image=\"hello\"} 1.0"));
        }
    }

    private static List<Path> exampleManifests() throws IOException {
        try (Stream<Path> files = Files.list(Repo.examples())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }
}

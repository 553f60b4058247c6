package dev.berth.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.agent.Main;
import dev.berth.agent.config.HostSettings;
import dev.berth.agent.config.Settings;
import dev.berth.agent.config.SettingsFile;
import dev.berth.agent.config.SourceConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The examples read as their comments say, without a host: every manifest validates, the agent configuration
 * parses, and the targeted example gives each kind of host its own images. ExamplesIT runs them on real hosts.
 */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of(System.getProperty("berth.repo", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("examples");

    private static final Path PACKAGE_EXAMPLE = EXAMPLES.resolveSibling("dist/src/deb/agent.yaml.example");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int berth(String... args) {
        out.getBuffer().setLength(0);
        CommandLine cli = Main.commandLine((settings, bytes) -> {
            throw new AssertionError("no example needs the host here");
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("agent.yaml"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyExampleManifestIsValid() throws IOException {
        assertThat(manifests()).isNotEmpty();
        for (Path example : manifests()) {
            assertThat(berth("validate", example.toString()))
                    .as("%s: %s", example, err)
                    .isZero();
        }
    }

    @Test
    void theDebianPackagesExampleConfigurationIsValidAsShippedAndKeepsEveryDefault() {
        Settings settings = SettingsFile.read(PACKAGE_EXAMPLE);

        assertThat(settings.source()).contains(new SourceConfig.Manifest(Path.of("/etc/berth/manifest.yaml")));
        assertThat(settings)
                .usingRecursiveComparison()
                .ignoringFields("file", "source")
                .isEqualTo(Settings.defaults());
    }

    @Test
    void everySettingTheDebianPackagesExampleShowsInACommentIsValidAndItsDefault() throws IOException {
        // "# key: value" and "#   - key: value" lines are settings; "# Prose." lines and "  # git:" stay comments.
        String uncommented = Files.readAllLines(PACKAGE_EXAMPLE).stream()
                .map(line -> line.matches("# ( *)(- )?[a-z][A-Za-z]*:( .*)?") ? line.substring(2) : line)
                .collect(Collectors.joining("\n"));

        Settings settings = SettingsFile.parse(uncommented, PACKAGE_EXAMPLE);

        assertThat(uncommented).contains("\ninterval: 1m").contains("\n  - days: [mon, tue, wed, thu, fri]");
        assertThat(settings.schedule()).isEqualTo(Settings.defaults().schedule());
        assertThat(settings.health()).isEqualTo(Settings.defaults().health());
        assertThat(settings.policy()).isEqualTo(Settings.defaults().policy());
        assertThat(settings.download()).isEqualTo(Settings.defaults().download());
        assertThat(settings.metricsListen()).isEqualTo(Settings.defaults().metricsListen());
    }

    @Test
    void theExampleAgentConfigurationLabelsItsHostAndNamesThatLabelForMetrics() {
        Settings settings = SettingsFile.read(EXAMPLES.resolve("agent.yaml"));

        assertThat(settings.host()).isEqualTo(new HostSettings(Optional.empty(), Map.of("ring", "canary")));
        assertThat(settings.metricsHostLabels()).containsExactly("ring");
    }

    @Test
    void theTargetedExampleGivesACanaryTheNewHelloAndOtherHostsTheOldOneAndWebOnlyToWebHosts() {
        String manifest = EXAMPLES.resolve("targeted.yaml").toString();
        Path config = EXAMPLES.resolve("agent.yaml");

        assertThat(berth("validate", manifest)).isZero();
        assertThat(out.toString()).endsWith(": valid, 2 images in 3 entries\n");
        assertThat(berth(
                        "render",
                        "--config",
                        config.toString(),
                        "--manifest",
                        manifest,
                        "--host",
                        "web-1",
                        "--label",
                        "ring=canary"))
                .isZero();
        String canary = out.toString();
        assertThat(berth("render", "--config", config.toString(), "--manifest", manifest, "--host", "db-1"))
                .isZero();
        String db = out.toString();

        assertThat(canary)
                .contains("  - name: hello\n    version: \"1.1\"\n")
                .contains("  - name: web\n")
                .doesNotContain("version: \"1.0\"\n    url: http://127.0.0.1:8765/hello_1.0.raw");
        assertThat(db).contains("  - name: hello\n    version: \"1.0\"\n").doesNotContain("name: web");
    }
}

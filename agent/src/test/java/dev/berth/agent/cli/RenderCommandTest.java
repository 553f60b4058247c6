package dev.berth.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.agent.Main;
import dev.berth.fetchers.FileManifestSource;
import dev.berth.model.FleetManifest;
import dev.berth.model.ImageSpec;
import dev.berth.model.ManifestParser;
import dev.berth.model.fleet.HostIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code berth render}: the manifest as one host sees it, from the file alone, for review. */
class RenderCommandTest {
    private static final String ID = "00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path fleet;
    private Path config;

    @BeforeEach
    void aFleetManifestAndAConfiguration() throws IOException {
        fleet = Files.writeString(
                dir.resolve("fleet.yaml"), """
                apiVersion: berth.dev/v1
                kind: Manifest
                images:
                  - name: web
                    version: "1.0"
                    url: https://images.example/web_1.0.raw
                    sha256: %s
                    hosts: {labels: {site: fra1}}
                  - name: web
                    version: "2.0"
                    url: https://images.example/web_2.0.raw
                    sha256: %s
                    profile: strict
                    health: {http: "http://127.0.0.1:8080/healthz", stableFor: 1m30s}
                    hosts: {names: ["web-*"]}
                  - name: node-exporter
                    version: "1.8"
                    url: https://images.example/node-exporter/1.8/download
                    sha256: %s
                    compression: zstd
                """.formatted("a".repeat(64), "b".repeat(64), "c".repeat(64)));
        config = Files.writeString(dir.resolve("agent.yaml"), """
                apiVersion: berth.dev/v1
                kind: AgentConfig
                host: {name: web-9, labels: {site: fra1}}
                """);
    }

    /** Runs berth render on a command line whose host must never be opened: render needs no portabled. */
    private int render(String... args) {
        CommandLine cli = Main.commandLine((settings, bytes) -> {
            throw new AssertionError("berth render opened the host");
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "render";
        all[1] = "--config";
        all[2] = config.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return cli.execute(all);
    }

    @Test
    void twoHostsEachSeeTheEntriesMeantForThemWithWhereEachComesFrom() {
        assertThat(render("--manifest", fleet.toString(), "--host", "web-1", "--label", "site=ams1"))
                .isZero();
        String web1 = out.toString();
        out.getBuffer().setLength(0);
        assertThat(render("--manifest", fleet.toString(), "--host", "db-1", "--label", "site=fra1", "--machine-id", ID))
                .isZero();
        String db1 = out.toString();

        assertThat(web1)
                .startsWith("# The manifest as host web-1 (site=ams1) sees it, machine-id " + "0".repeat(32) + "\n"
                        + "# read from " + fleet + " (sha256:")
                .contains("""
                        apiVersion: berth.dev/v1
                        kind: Manifest
                        images:
                          # %s:9
                          - name: web
                            version: "2.0"
                            url: https://images.example/web_2.0.raw
                            sha256: %s
                            profile: strict
                            matches:
                              - web
                            enable: true
                            start: true
                            runtime: false
                            health:
                              http: http://127.0.0.1:8080/healthz
                              stableFor: 1m30s
                          # %s:16
                          - name: node-exporter
                            version: "1.8"
                        """.formatted(fleet, "b".repeat(64), fleet));
        assertThat(db1)
                .startsWith("# The manifest as host db-1 (site=fra1) sees it, machine-id " + ID + "\n")
                .contains("  # " + fleet + ":4\n  - name: web\n    version: \"1.0\"\n")
                .contains("  - name: node-exporter\n")
                .doesNotContain("2.0");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void limitsAreRenderedAsTheManifestWritesThemAndReadBackTheSame() throws IOException {
        Path limited = Files.writeString(dir.resolve("limited.yaml"), """
                apiVersion: berth.dev/v1
                kind: Manifest
                images:
                  - name: web
                    version: "2.0"
                    url: https://images.example/web_2.0.raw
                    sha256: %s
                    limits: {memoryMax: 256M, tasksMax: 64, ipAddressDeny: [any, "10.0.0.0/8"]}
                """.formatted("b".repeat(64)));

        assertThat(render("--manifest", limited.toString(), "--host", "web-1")).isZero();

        assertThat(out.toString()).contains("""
                            limits:
                              memoryMax: 256M
                              tasksMax: "64"
                              ipAddressDeny:
                                - any
                                - 10.0.0.0/8
                        """);
        ImageSpec rendered =
                ManifestParser.parse(out.toString(), "rendered.yaml").images().get(0);
        assertThat(rendered.fingerprint())
                .isEqualTo(FileManifestSource.fleet(limited).images().get(0).fingerprint());
    }

    @Test
    void whatRenderPrintsIsAManifestThatReadsBackToTheHostsImages() throws IOException {
        assertThat(render("--manifest", fleet.toString(), "--host", "web-1")).isZero();

        FleetManifest rendered = ManifestParser.parse(out.toString(), "rendered.yaml");
        HostIdentity web1 = new HostIdentity("web-1", Map.of(), "0".repeat(32));
        FleetManifest original = FileManifestSource.fleet(fleet);

        assertThat(rendered.images())
                .extracting(ImageSpec::fingerprint)
                .containsExactlyElementsOf(original.forHost(web1).images().stream()
                        .map(ImageSpec::fingerprint)
                        .toList());
    }

    @Test
    void withoutHostItRendersForThisHostAsTheConfigurationNamesAndLabelsIt() {
        assertThat(render("--manifest", fleet.toString(), "--machine-id", ID)).isZero();

        assertThat(out.toString())
                .startsWith("# The manifest as host web-9 (site=fra1) sees it, machine-id " + ID + "\n")
                .contains("  - name: web\n    version: \"1.0\"\n");
    }

    @Test
    void aHostNoEntryIsForGetsAnEmptyList() throws IOException {
        String text = Files.readString(fleet);
        Path only = Files.writeString(
                dir.resolve("only-web.yaml"), text.substring(0, text.indexOf("  - name: node-exporter")));

        assertThat(render("--manifest", only.toString(), "--host", "db-1")).isZero();
        assertThat(out.toString()).endsWith("kind: Manifest\nimages: []\n");
    }

    @Test
    void anInvalidManifestFailsAsValidateDoesWithEveryProblem() throws IOException {
        Files.writeString(fleet, Files.readString(fleet).replace("hosts: {names: [\"web-*\"]}", "hosts: {}"));

        assertThat(render("--manifest", fleet.toString(), "--host", "web-1")).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .startsWith("error: the manifest is invalid (1 problem):\n")
                .contains(fleet + ":15:12: images[1].hosts: must give names or labels");
    }

    @Test
    void badHostsLabelsAndMachineIdsAreRefusedBeforeAnythingIsRead() {
        assertThat(render("--manifest", fleet.toString(), "--label", "site=fra1"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("--label goes with --host");
        assertThat(render("--manifest", fleet.toString(), "--host", "web 1")).isEqualTo(1);
        assertThat(err.toString()).contains("--host must be a host name");
        assertThat(render("--manifest", fleet.toString(), "--host", "web-1", "--label", "site"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("--label site: the value must be a text of 1 to 128 characters");
        assertThat(render("--manifest", fleet.toString(), "--host", "web-1", "--label", "a=1", "--label", "a=2"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("--label gives a twice");
        assertThat(render("--manifest", fleet.toString(), "--host", "web-1", "--machine-id", "XYZ"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("--machine-id must be 32 lowercase hexadecimal digits");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aGitSourceIsRenderedFromATemporaryCloneThatIsRemovedAfterwards() throws Exception {
        Path origin = dir.resolve("origin");
        try (Git git = Git.init()
                .setDirectory(origin.toFile())
                .setInitialBranch("main")
                .call()) {
            Files.createDirectories(origin.resolve("hosts"));
            Files.copy(fleet, origin.resolve("hosts/fleet.yaml"));
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("fleet")
                    .setSign(false)
                    .setAuthor("Ops", "ops@example.com")
                    .call();
        }
        long scratchBefore = scratchDirectories();

        assertThat(render("--git", origin.toUri().toString(), "--path", "hosts", "--host", "web-1"))
                .as(err.toString())
                .isZero();

        assertThat(out.toString())
                .contains("# read from " + origin.toUri().toString().replaceAll("/$", ""))
                .contains("  # hosts/fleet.yaml@")
                .contains("  - name: web\n    version: \"2.0\"\n");
        assertThat(scratchDirectories()).as("the clone is gone").isEqualTo(scratchBefore);
    }

    private static long scratchDirectories() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("berth-render-"))
                    .count();
        }
    }
}

package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.ManifestInvalidException;
import dev.berth.model.Reason;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.reconciler.port.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileManifestSourceTest {
    private static final String SHA = "c".repeat(64);

    @TempDir
    Path dir;

    static String manifest(String... names) {
        StringBuilder text = new StringBuilder("apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n");
        for (String name : names) {
            text.append("  - name: ").append(name).append("\n    version: \"1.0\"\n");
            text.append("    url: https://images.example/").append(name).append(".raw\n");
            text.append("    sha256: ").append(SHA).append('\n');
        }
        return text.toString();
    }

    @Test
    void aFileIsReadWithTheDigestOfItsBytesAsRevision() throws Exception {
        Path file = Files.writeString(dir.resolve("hosts.yaml"), manifest("web"));

        SourceSnapshot snapshot = new FileManifestSource(file, TestHosts.PLAIN).read();

        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertThat(snapshot.revision()).isEqualTo("sha256:" + expected);
        assertThat(snapshot.manifest().images()).extracting(ImageSpec::name).containsExactly("web");
        assertThat(snapshot.manifest().source()).isEqualTo(file.toString());
        assertThat(snapshot.stale()).isFalse();
    }

    @Test
    void theRevisionChangesWithTheContentAndOnlyThen() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.yaml"), manifest("web"));
        FileManifestSource source = new FileManifestSource(file, TestHosts.PLAIN);
        String first = source.read().revision();

        assertThat(source.read().revision()).isEqualTo(first);
        Files.writeString(file, manifest("web", "db"));
        assertThat(source.read().revision()).isNotEqualTo(first);
    }

    @Test
    void aDirectoryMergesEveryYamlFileInNameOrderAndSkipsTheRest() throws IOException {
        Files.writeString(dir.resolve("b.yml"), manifest("db"));
        Files.writeString(dir.resolve("a.yaml"), manifest("web"));
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        Files.writeString(dir.resolve(".a.yaml.swp"), "editor backup");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/c.yaml"), manifest("nested"));

        SourceSnapshot snapshot = new FileManifestSource(dir, TestHosts.PLAIN).read();

        assertThat(snapshot.manifest().images()).extracting(ImageSpec::name).containsExactly("web", "db");
        assertThat(snapshot.manifest().image("db").orElseThrow().origin().file())
                .isEqualTo(dir.resolve("b.yml").toString());
        assertThat(snapshot.revision()).startsWith("sha256:").hasSize(7 + 64);
    }

    @Test
    void renamingAFileInADirectoryChangesTheRevision() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), manifest("web"));
        String before = new FileManifestSource(dir, TestHosts.PLAIN).read().revision();
        Files.move(dir.resolve("a.yaml"), dir.resolve("b.yaml"));

        assertThat(new FileManifestSource(dir, TestHosts.PLAIN).read().revision())
                .isNotEqualTo(before);
    }

    @Test
    void anEntryInALaterFileThatCanNeverApplyNamesBothFiles() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), manifest("web"));
        Files.writeString(dir.resolve("b.yaml"), manifest("db", "web"));

        ManifestInvalidException e = catchThrowableOfType(
                ManifestInvalidException.class, () -> new FileManifestSource(dir, TestHosts.PLAIN).read());

        assertThat(e.getMessage())
                .contains(dir.resolve("b.yaml") + ":8:1")
                .contains("the entry at " + dir.resolve("a.yaml") + ":4 has no hosts: selector");
    }

    @Test
    void eachHostReadsItsOwnViewOfADirectoryAndValidateSeesEveryEntry() throws IOException {
        Files.writeString(
                dir.resolve("10-canary.yaml"),
                manifest("web").replace("\"1.0\"", "\"2.0\"") + "    hosts: {labels: {ring: canary}}\n");
        Files.writeString(dir.resolve("20-fleet.yaml"), manifest("web", "db"));
        HostIdentity canary = new HostIdentity("web-1", Map.of("ring", "canary"), "1".repeat(32));

        SourceSnapshot forCanary = new FileManifestSource(dir, canary).read();
        SourceSnapshot forOthers = new FileManifestSource(dir, TestHosts.PLAIN).read();

        assertThat(forCanary.manifest().images()).extracting(ImageSpec::label).containsExactly("web 2.0", "db 1.0");
        assertThat(forOthers.manifest().images()).extracting(ImageSpec::label).containsExactly("web 1.0", "db 1.0");
        assertThat(forCanary.revision()).as("the bytes decide the revision").isEqualTo(forOthers.revision());
        assertThat(FileManifestSource.fleet(dir).images())
                .extracting(ImageSpec::label)
                .containsExactly("web 2.0", "web 1.0", "db 1.0");
    }

    @Test
    void anInvalidFileIsReportedWithItsNameAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.yaml"), manifest("web").replace(SHA, "nothex"));

        ManifestInvalidException e = catchThrowableOfType(
                ManifestInvalidException.class, () -> new FileManifestSource(file, TestHosts.PLAIN).read());

        assertThat(e.getMessage()).contains(file + ":7:");
    }

    @Test
    void aDirectoryWithoutManifestsIsRefusedRatherThanReadAsEmpty() {
        BerthException e =
                catchThrowableOfType(BerthException.class, () -> new FileManifestSource(dir, TestHosts.PLAIN).read());

        assertThat(e.reason()).isEqualTo(Reason.ManifestInvalid);
        assertThat(e.getMessage()).contains(dir.toString()).contains("no *.yaml or *.yml file");
    }

    @Test
    void aMissingFileIsASourceUnavailableNamingThePath() {
        Path missing = dir.resolve("nowhere.yaml");

        BerthException e = catchThrowableOfType(
                BerthException.class, () -> new FileManifestSource(missing, TestHosts.PLAIN).read());

        assertThat(e.reason()).isEqualTo(Reason.SourceUnavailable);
        assertThat(e.getMessage()).contains(missing.toString()).contains("no such file");
    }
}

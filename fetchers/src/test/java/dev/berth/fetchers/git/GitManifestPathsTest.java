package dev.berth.fetchers.git;

import static dev.berth.fetchers.git.TestManifests.SHA;
import static dev.berth.fetchers.git.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.TestHosts;
import dev.berth.model.ImageSpec;
import dev.berth.model.ManifestInvalidException;
import dev.berth.model.Provenance;
import dev.berth.model.Reason;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.yaml.Problem;
import dev.berth.reconciler.port.SourceSnapshot;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the path option reads from a commit, and how problems in the repository's files are reported. */
class GitManifestPathsTest {
    @TempDir
    Path tmp;

    TestRepo origin;

    @BeforeEach
    void createOrigin() throws Exception {
        origin = TestRepo.create(tmp.resolve("origin"));
    }

    @AfterEach
    void close() {
        origin.close();
    }

    private SourceSnapshot read(String path) {
        return read(path, TestHosts.PLAIN);
    }

    private SourceSnapshot read(String path, HostIdentity host) {
        GitSourceOptions options =
                GitSourceOptions.of(origin.fileUrl(), tmp.resolve("state")).withPath(path);
        try (GitManifestSource source = new GitManifestSource(options, host)) {
            return source.read();
        }
    }

    private ManifestInvalidException invalid(String path) {
        ManifestInvalidException e = catchThrowableOfType(ManifestInvalidException.class, () -> read(path));
        assertThat(e).as("reading %s should fail", path).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.ManifestInvalid);
        return e;
    }

    private static String shortId(RevCommit commit) {
        return commit.name().substring(0, 12);
    }

    @Test
    void aDirectoryMergesItsYamlFilesInNameOrderButNotSubdirectoriesOrOtherFiles() throws Exception {
        origin.commit(Map.of(
                "hosts/b.yml", manifest("1.0", "db"),
                "hosts/a.yaml", manifest("1.0", "web"),
                "hosts/README.md", "# not a manifest",
                "hosts/.draft.yaml", "hidden: true",
                "hosts/old/c.yaml", manifest("1.0", "legacy")));

        SourceSnapshot snapshot = read("hosts/");

        assertThat(snapshot.manifest().images()).extracting(ImageSpec::name).containsExactly("web", "db");
    }

    @Test
    void imagesNameTheirFileAndCommitAsOrigin() throws Exception {
        RevCommit commit = origin.commit(Map.of("hosts/a.yaml", manifest("1.0", "web")));

        SourceSnapshot snapshot = read("hosts");

        ImageSpec web = snapshot.manifest().images().get(0);
        assertThat(web.origin().toString()).isEqualTo("hosts/a.yaml@" + shortId(commit) + ":4");
        assertThat(snapshot.manifest().source()).isEqualTo(origin.fileUrl() + " hosts@" + shortId(commit));
    }

    @Test
    void theRepositoryRootIsTheDefaultPath() throws Exception {
        origin.commit(Map.of("web.yaml", manifest("1.0", "web"), "sub/db.yaml", manifest("1.0", "db")));

        assertThat(read("").manifest().images()).extracting(ImageSpec::name).containsExactly("web");
    }

    @Test
    void anEntryThatCanNeverApplyNamesBothFilesAndLines() throws Exception {
        RevCommit commit = origin.commit(
                Map.of("hosts/a.yaml", manifest("1.0", "web"), "hosts/b.yaml", manifest("2.0", "db", "web")));

        ManifestInvalidException e = invalid("hosts");

        String at = "@" + shortId(commit);
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage())
                .contains("hosts/b.yaml" + at + ":8:1")
                .contains("image \"web\" (hosts/b.yaml" + at + ":8) can never apply: the entry at hosts/a.yaml" + at
                        + ":4 has no hosts: selector");
    }

    @Test
    void eachHostReadsTheEntriesMeantForIt() throws Exception {
        origin.commit(Map.of(
                "hosts/a.yaml",
                manifest("1.0", "web") + "    hosts: {names: [\"edge-*\"]}\n",
                "hosts/b.yaml",
                manifest("2.0", "web", "db")));
        HostIdentity edge = new HostIdentity("edge-fra1", Map.of(), "1".repeat(32));

        assertThat(read("hosts", edge).manifest().images())
                .extracting(ImageSpec::label)
                .containsExactly("web 1.0", "db 2.0");
        assertThat(read("hosts").manifest().images())
                .extracting(ImageSpec::label)
                .containsExactly("web 2.0", "db 2.0");
        assertThat(read("hosts").manifest().provenance()).isEqualTo(Provenance.REPOSITORY);
    }

    @Test
    void everyProblemInEveryFileIsReportedWithRepositoryPathAndLine() throws Exception {
        RevCommit commit = origin.commit(Map.of(
                "hosts/a.yaml", manifest("1.0", "web").replace(SHA, "short"),
                "hosts/b.yaml", manifest("1.0", "db").replace("version: \"1.0\"", "version: \"1/0\"")));

        ManifestInvalidException e = invalid("hosts");

        assertThat(e.problems())
                .extracting(Problem::toString)
                .anySatisfy(p -> assertThat(p).startsWith("hosts/a.yaml@" + shortId(commit) + ":7:"))
                .anySatisfy(p -> assertThat(p).startsWith("hosts/b.yaml@" + shortId(commit) + ":5:"));
    }

    @Test
    void aPathMissingFromTheCommitIsNamedWithTheCommit() throws Exception {
        RevCommit commit = origin.commit(Map.of("hosts/a.yaml", manifest("1.0", "web")));

        ManifestInvalidException e = invalid("deploy/hosts.yaml");

        assertThat(e.getMessage())
                .contains("deploy/hosts.yaml@" + shortId(commit))
                .contains("does not exist in this commit");
    }

    @Test
    void aDirectoryWithoutManifestsIsRefusedRatherThanReadAsEmpty() throws Exception {
        origin.commit(Map.of("hosts/README.md", "nothing here"));

        assertThat(invalid("hosts").getMessage()).contains("hosts@").contains("holds no *.yaml or *.yml file");
    }

    @Test
    void aSingleFileIsReadEvenWithAnotherExtension() throws Exception {
        origin.commit(Map.of("desired.txt", manifest("1.0", "web")));

        assertThat(read("desired.txt").manifest().images()).hasSize(1);
    }

    @Test
    void aPathLeavingTheRepositoryIsRefusedWhenConfigured() {
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> GitSourceOptions.of(origin.fileUrl(), tmp).withPath("../etc")))
                .hasMessageContaining("must stay inside it");
    }
}

package dev.berth.fetchers.git;

import static dev.berth.fetchers.git.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.fetchers.TestHosts;
import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.reconciler.port.SourceSnapshot;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which commit is applied for each kind of ref, over the file:// transport. */
class GitRefsTest {
    @TempDir
    Path tmp;

    TestRepo origin;
    RevCommit first;
    RevCommit second;

    @BeforeEach
    void twoCommitsOnMainAndADevelopBranch() throws Exception {
        origin = TestRepo.create(tmp.resolve("origin"));
        first = origin.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        origin.tag("v1", true);
        origin.tag("light", false);
        second = origin.commit(Map.of("hosts.yaml", manifest("2.0", "web")));
        origin.checkout("develop", true);
        origin.commit(Map.of("hosts.yaml", manifest("3.0", "web")));
        origin.checkout("main", false);
    }

    @AfterEach
    void close() {
        origin.close();
    }

    private SourceSnapshot read(GitSourceOptions options) {
        try (GitManifestSource source = new GitManifestSource(options.withPath("hosts.yaml"), TestHosts.PLAIN)) {
            return source.read();
        }
    }

    private GitSourceOptions options() {
        return GitSourceOptions.of(origin.fileUrl(), tmp.resolve("state"));
    }

    private static String version(SourceSnapshot snapshot) {
        return snapshot.manifest().images().stream()
                .map(ImageSpec::version)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void withoutARefTheRemotesDefaultBranchIsApplied() {
        SourceSnapshot snapshot = read(options());

        assertThat(snapshot.revision()).isEqualTo(second.name());
        assertThat(version(snapshot)).isEqualTo("2.0");
        assertThat(snapshot.warning()).isEmpty();
    }

    @Test
    void theDefaultBranchIsWhateverTheRemotesHeadNames() throws Exception {
        origin.checkout("develop", false);

        assertThat(version(read(options()))).isEqualTo("3.0");
    }

    @Test
    void aBranchIsFollowedByName() {
        assertThat(version(read(options().withRef("develop")))).isEqualTo("3.0");
        assertThat(version(read(options().withRef("refs/heads/develop")))).isEqualTo("3.0");
    }

    @Test
    void anAnnotatedOrLightweightTagPinsItsCommit() {
        SourceSnapshot annotated = read(options().withRef("v1"));
        SourceSnapshot lightweight = read(options().withRef("refs/tags/light"));

        assertThat(annotated.revision()).isEqualTo(first.name());
        assertThat(lightweight.revision()).isEqualTo(first.name());
        assertThat(version(annotated)).isEqualTo("1.0");
    }

    @Test
    void aFullCommitIdPinsThatCommitEvenWhenItIsNoLongerATip() {
        SourceSnapshot snapshot = read(options().withRef(first.name()));

        assertThat(snapshot.revision()).isEqualTo(first.name());
        assertThat(version(snapshot)).isEqualTo("1.0");
    }

    @Test
    void aNameThatIsNeitherBranchNorTagFailsClearlyWithoutACache() {
        assertThatThrownBy(() -> read(options().withRef("nosuch")))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("has no branch or tag named nosuch")
                .hasMessageContaining("no revision is cached yet")
                .extracting(e -> ((BerthException) e).reason())
                .isEqualTo(Reason.SourceUnavailable);
    }

    @Test
    void aMovedBranchIsPickedUpByTheNextRead() throws Exception {
        try (GitManifestSource source = new GitManifestSource(options().withPath("hosts.yaml"), TestHosts.PLAIN)) {
            assertThat(version(source.read())).isEqualTo("2.0");
            RevCommit third = origin.commit(Map.of("hosts.yaml", manifest("4.0", "web")));

            SourceSnapshot next = source.read();

            assertThat(next.revision()).isEqualTo(third.name());
            assertThat(version(next)).isEqualTo("4.0");
        }
    }

    @Test
    void aShortCommitIdOrAnOddRefIsRefusedWhenConfigured() {
        assertThatThrownBy(() -> options().withRef("refs/remotes/origin/main"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither refs/heads/... nor refs/tags/...");
        assertThatThrownBy(() -> options().withRef("bad..name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid git branch or tag name");
    }
}

package dev.berth.fetchers.git;

import static dev.berth.fetchers.git.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.TestHosts;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.reconciler.port.SourceSnapshot;
import dev.berth.testkit.git.GitDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git:// protocol against git's own daemon on 127.0.0.1: a real network transport and a real server. */
class GitDaemonTransportTest {
    @TempDir
    Path tmp;

    TestRepo origin;
    GitDaemon daemon;
    RecordingGitEvents events = new RecordingGitEvents();

    @BeforeEach
    void serveOrigin() throws Exception {
        origin = TestRepo.create(tmp.resolve("repos/origin"));
        daemon = GitDaemon.start(tmp.resolve("repos"), tmp.resolve("daemon.log"));
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
        origin.close();
    }

    private GitSourceOptions options() {
        return GitSourceOptions.of(daemon.url("origin"), tmp.resolve("state"))
                .withPath("hosts.yaml")
                .withTimeout(Duration.ofSeconds(10));
    }

    @Test
    void theDefaultBranchAndItsNewCommitsArriveOverTheNetwork() throws Exception {
        RevCommit first = origin.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        try (GitManifestSource source = new GitManifestSource(options(), TestHosts.PLAIN, events)) {
            assertThat(source.read().revision()).isEqualTo(first.name());
            RevCommit second = origin.commit(Map.of("hosts.yaml", manifest("2.0", "web", "db")));

            SourceSnapshot snapshot = source.read();

            assertThat(snapshot.revision()).isEqualTo(second.name());
            assertThat(snapshot.manifest().images()).hasSize(2);
            assertThat(events.clones).hasValue(1);
            assertThat(events.fetches).hasValue(2);
        }
    }

    @Test
    void aCommitThatIsNoLongerATipCanBePinnedOverTheNetwork() throws Exception {
        RevCommit pinned = origin.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        origin.commit(Map.of("hosts.yaml", manifest("2.0", "web")));

        try (GitManifestSource source = new GitManifestSource(options().withRef(pinned.name()), TestHosts.PLAIN)) {
            SourceSnapshot snapshot = source.read();

            assertThat(snapshot.revision()).isEqualTo(pinned.name());
            assertThat(snapshot.manifest().images().get(0).version()).isEqualTo("1.0");
        }
    }

    @Test
    void aTagIsFoundByItsBareNameOverTheNetwork() throws Exception {
        RevCommit tagged = origin.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        origin.tag("release-1", true);
        origin.commit(Map.of("hosts.yaml", manifest("2.0", "web")));

        try (GitManifestSource source = new GitManifestSource(options().withRef("release-1"), TestHosts.PLAIN)) {
            assertThat(source.read().revision()).isEqualTo(tagged.name());
            assertThat(source.read().revision()).isEqualTo(tagged.name());
        }
    }

    @Test
    void whenTheDaemonStopsTheCachedRevisionIsServedWithAWarning() throws Exception {
        RevCommit commit = origin.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        try (GitManifestSource source = new GitManifestSource(options(), TestHosts.PLAIN)) {
            source.read();
            daemon.close();

            SourceSnapshot snapshot = source.read();

            assertThat(snapshot.revision()).isEqualTo(commit.name());
            assertThat(snapshot.warning().orElseThrow())
                    .startsWith("remote " + daemon.url("origin") + " unreachable (")
                    .contains("using cached revision " + commit.name().substring(0, 12));
        }
    }

    @Test
    void aStoppedDaemonWithNothingCachedFailsNamingTheRemote() throws Exception {
        daemon.close();

        BerthException e = catchThrowableOfType(BerthException.class, () -> {
            try (GitManifestSource source = new GitManifestSource(options(), TestHosts.PLAIN)) {
                source.read();
            }
        });

        assertThat(e.reason()).isEqualTo(Reason.SourceUnavailable);
        assertThat(e.getMessage())
                .startsWith("remote " + daemon.url("origin") + " unreachable (")
                .contains("no revision is cached yet");
    }
}

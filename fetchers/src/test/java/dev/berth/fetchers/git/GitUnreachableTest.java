package dev.berth.fetchers.git;

import static dev.berth.fetchers.git.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.TestHosts;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.reconciler.port.SourceSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote that goes away: the cached revision is served with a warning, or the read fails clearly. */
class GitUnreachableTest {
    static final Instant FETCHED = Instant.parse("2026-11-28T09:30:00Z");

    @TempDir
    Path tmp;

    TestRepo origin;
    GitSourceOptions options;

    @BeforeEach
    void createOrigin() throws Exception {
        origin = TestRepo.create(tmp.resolve("origin"));
        options = GitSourceOptions.of(origin.fileUrl(), tmp.resolve("state"))
                .withPath("hosts.yaml")
                .withClock(Clock.fixed(FETCHED, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        origin.close();
    }

    private void deleteOrigin() throws Exception {
        origin.close();
        FileUtils.delete(origin.dir().toFile(), FileUtils.RECURSIVE);
    }

    @Test
    void aRemoteThatWentAwayIsReplacedByTheCachedRevisionWithAWarning() throws Exception {
        RevCommit commit = origin.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN)) {
            source.read();
            deleteOrigin();

            SourceSnapshot snapshot = source.read();

            assertThat(snapshot.revision()).isEqualTo(commit.name());
            assertThat(snapshot.manifest().images()).hasSize(1);
            assertThat(snapshot.stale()).isTrue();
            assertThat(snapshot.warning().orElseThrow())
                    .startsWith("remote " + options.url() + " unreachable (")
                    .contains("; using cached revision " + commit.name().substring(0, 12))
                    .endsWith("fetched at 2026-11-28T09:30:00Z");
        }
    }

    @Test
    void theCachedRevisionIsAlsoServedAfterARestart() throws Exception {
        RevCommit commit = origin.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN)) {
            source.read();
        }
        deleteOrigin();

        try (GitManifestSource restarted = new GitManifestSource(
                options.withClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(1))), TestHosts.PLAIN)) {
            SourceSnapshot snapshot = restarted.read();

            assertThat(snapshot.revision()).isEqualTo(commit.name());
            assertThat(snapshot.warning().orElseThrow()).contains("fetched at 2026-11-28T09:30:00Z");
        }
    }

    @Test
    void theWarningGoesAwayWhenTheRemoteIsBack() throws Exception {
        origin.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN)) {
            source.read();
            Path moved = tmp.resolve("moved");
            java.nio.file.Files.move(origin.dir(), moved);
            assertThat(source.read().stale()).isTrue();
            java.nio.file.Files.move(moved, origin.dir());

            assertThat(source.read().warning()).isEmpty();
        }
    }

    @Test
    void withoutACachedRevisionAnUnreachableRemoteFailsNamingItAndTheReason() throws Exception {
        deleteOrigin();

        BerthException e = catchThrowableOfType(BerthException.class, () -> {
            try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN)) {
                source.read();
            }
        });

        assertThat(e.reason()).isEqualTo(Reason.SourceUnavailable);
        assertThat(e.getMessage())
                .startsWith("remote " + options.url() + " unreachable (")
                .contains("no revision is cached yet");
    }

    @Test
    void aUrlQueryIsNeverShownInMessages() {
        GitSourceOptions secretQuery = GitSourceOptions.of(
                        "http://127.0.0.1:9/ops/hosts.git?private_token=s3cr3t-in-query", tmp.resolve("state"))
                .withTimeout(Duration.ofSeconds(5));

        BerthException e = catchThrowableOfType(BerthException.class, () -> {
            try (GitManifestSource source = new GitManifestSource(secretQuery, TestHosts.PLAIN)) {
                source.read();
            }
        });

        assertThat(e.reason()).isEqualTo(Reason.SourceUnavailable);
        assertThat(e.getMessage())
                .contains("http://127.0.0.1:9/ops/hosts.git?…")
                .doesNotContain("s3cr3t");
    }
}

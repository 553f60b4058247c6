package dev.berth.fetchers.git;

import static dev.berth.fetchers.git.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.fetchers.TestHosts;
import dev.berth.reconciler.port.SourceSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clone cached in the state directory: reused across passes and restarts, rebuilt when damaged. */
class GitCacheTest {
    @TempDir
    Path tmp;

    TestRepo origin;
    RecordingGitEvents events = new RecordingGitEvents();
    GitSourceOptions options;

    @BeforeEach
    void createOrigin() throws Exception {
        origin = TestRepo.create(tmp.resolve("origin"));
        origin.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        options = GitSourceOptions.of(origin.fileUrl(), tmp.resolve("state")).withPath("hosts.yaml");
    }

    @AfterEach
    void close() {
        origin.close();
    }

    @Test
    void theCloneLivesUnderTheStateDirectoryAndIsShallow() throws Exception {
        origin.commit(Map.of("hosts.yaml", manifest("2.0", "web")));
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN, events)) {
            source.read();

            assertThat(source.cacheDirectory().getParent()).isEqualTo(tmp.resolve("state/git"));
            assertThat(source.cacheDirectory().resolve("shallow")).exists();
            assertThat(Files.readString(source.cacheDirectory().resolve("shallow"))
                            .strip())
                    .hasSize(40);
        }
    }

    @Test
    void aSecondReadWithNothingNewFetchesOnceMoreButNeitherClonesNorParses() throws Exception {
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN, events)) {
            SourceSnapshot first = source.read();
            Path marker = Files.writeString(source.cacheDirectory().resolve("berth-test-marker"), "kept");
            Object objects = Files.getAttribute(source.cacheDirectory().resolve("objects"), "unix:ino");

            SourceSnapshot second = source.read();

            assertThat(second.revision()).isEqualTo(first.revision());
            assertThat(second.manifest()).isEqualTo(first.manifest());
            assertThat(events.clones).hasValue(1);
            assertThat(events.fetches).hasValue(2);
            assertThat(events.parses).hasValue(1);
            assertThat(marker).exists();
            assertThat(Files.getAttribute(source.cacheDirectory().resolve("objects"), "unix:ino"))
                    .isEqualTo(objects);
        }
    }

    @Test
    void aNewCommitIsFetchedIntoTheSameCloneAndParsedOnce() throws Exception {
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN, events)) {
            source.read();
            RevCommit next = origin.commit(Map.of("hosts.yaml", manifest("2.0", "web")));

            assertThat(source.read().revision()).isEqualTo(next.name());
            assertThat(source.read().revision()).isEqualTo(next.name());

            assertThat(events.clones).hasValue(1);
            assertThat(events.parses).hasValue(2);
        }
    }

    @Test
    void aRestartedSourceReusesTheCloneOnDisk() {
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN, events)) {
            source.read();
        }
        try (GitManifestSource restarted = new GitManifestSource(options, TestHosts.PLAIN, events)) {
            restarted.read();
        }

        assertThat(events.clones).hasValue(1);
        assertThat(events.fetches).hasValue(2);
    }

    @Test
    void aCommitPinAlreadyInTheCacheNeedsNoFetch() throws Exception {
        String pinned =
                origin.commit(Map.of("hosts.yaml", manifest("2.0", "web"))).name();
        try (GitManifestSource source = new GitManifestSource(options.withRef(pinned), TestHosts.PLAIN, events)) {
            source.read();
            source.read();
        }

        assertThat(events.fetches).hasValue(1);
    }

    @Test
    void aCacheWithAGarbledConfigIsWipedAndClonedAgain() throws Exception {
        Path cache;
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN, events)) {
            cache = source.cacheDirectory();
            source.read();
        }
        Files.writeString(cache.resolve("config"), "[core\n this is not git config");

        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN, events)) {
            assertThat(source.read().manifest().images()).hasSize(1);
        }

        assertThat(events.clones).hasValue(2);
        assertThat(Files.readString(cache.resolve("config"))).contains("bare = true");
    }

    @Test
    void aCacheThatLostItsObjectsIsWipedAndClonedAgain() throws Exception {
        Path cache;
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN, events)) {
            cache = source.cacheDirectory();
            source.read();
        }
        try (Stream<Path> files = Files.walk(cache.resolve("objects"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }

        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN, events)) {
            assertThat(source.read().manifest().images()).hasSize(1);
        }

        assertThat(events.clones).hasValue(2);
    }

    @Test
    void aCacheDamagedWhileOpenIsRebuiltWithinTheSamePass() throws Exception {
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN, events)) {
            source.read();
            try (Stream<Path> files = Files.walk(source.cacheDirectory().resolve("objects"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(file);
                }
            }
            RevCommit next = origin.commit(Map.of("hosts.yaml", manifest("2.0", "web", "db")));

            SourceSnapshot snapshot = source.read();

            assertThat(snapshot.revision()).isEqualTo(next.name());
            assertThat(snapshot.manifest().images()).hasSize(2);
            assertThat(events.clones).hasValue(2);
        }
    }
}

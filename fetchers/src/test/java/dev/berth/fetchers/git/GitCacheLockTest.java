package dev.berth.fetchers.git;

import static dev.berth.fetchers.git.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.TestHosts;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent and a plan run by hand read the same cached clone: one read at a time, across threads and processes,
 * a bounded wait for the other one, and a lock file that no link can redirect.
 */
class GitCacheLockTest {
    @TempDir
    Path tmp;

    TestRepo origin;
    RevCommit commit;
    GitSourceOptions options;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void createOrigin() throws Exception {
        origin = TestRepo.create(tmp.resolve("origin"));
        commit = origin.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        options = GitSourceOptions.of(origin.fileUrl(), tmp.resolve("state")).withPath("hosts.yaml");
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        origin.close();
    }

    private GitManifestSource source(GitEvents events, Duration lockWait) {
        return new GitManifestSource(options, TestHosts.PLAIN, events, Optional.empty(), lockWait);
    }

    private static Path lockFile(GitManifestSource source) {
        return source.cacheDirectory().resolveSibling(source.cacheDirectory().getFileName() + ".lock");
    }

    /** Counts the reads inside a fetch at the same moment, each lingering there for its peer to catch up. */
    private static final class Overlap implements GitEvents {
        final AtomicInteger clones = new AtomicInteger();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final CountDownLatch arrived = new CountDownLatch(2);

        @Override
        public void cloned() {
            clones.incrementAndGet();
        }

        @Override
        public void fetched() {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            arrived.countDown();
            try {
                arrived.await(300, TimeUnit.MILLISECONDS); // never reached by both at once while the lock works
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    @Test
    void twoSourcesOnOneStateDirectoryReadingAtOnceTakeTurnsAndBothSucceed() throws Exception {
        Overlap events = new Overlap();
        CyclicBarrier start = new CyclicBarrier(2);
        try (GitManifestSource first = source(events, Duration.ofSeconds(30));
                GitManifestSource second = source(events, Duration.ofSeconds(30))) {
            List<Future<String>> reads = List.of(first, second).stream()
                    .map(source -> threads.submit(() -> {
                        start.await();
                        return source.read().revision();
                    }))
                    .toList();

            for (Future<String> read : reads) {
                assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo(commit.name());
            }
        }
        assertThat(events.most).as("reads inside a fetch at once").hasValue(1);
        assertThat(events.clones)
                .as("the second read used the clone the first made")
                .hasValue(1);
        RevCommit next = origin.commit(Map.of("hosts.yaml", manifest("2.0", "web")));
        try (GitManifestSource later = source(GitEvents.NONE, Duration.ofSeconds(30))) {
            assertThat(later.read().revision()).isEqualTo(next.name());
        }
    }

    @Test
    void aReadWaitsForAnotherInThisProcessAndSaysSoWhenTheWaitRunsOut() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GitEvents holding = new GitEvents() {
            @Override
            public void fetched() {
                fetching.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (GitManifestSource holder = source(holding, Duration.ofSeconds(30));
                GitManifestSource waiter = source(GitEvents.NONE, Duration.ofMillis(200))) {
            Future<String> held = threads.submit(() -> holder.read().revision());
            assertThat(fetching.await(60, TimeUnit.SECONDS)).isTrue();

            BerthException e = catchThrowableOfType(BerthException.class, waiter::read);
            release.countDown();

            assertThat(e.reason()).isEqualTo(Reason.SourceUnavailable);
            assertThat(e.getMessage())
                    .isEqualTo("the git cache is busy: " + lockFile(waiter) + " is held by another read of the same"
                            + " repository in this process, reading the same repository; waited 200 ms for it. Try"
                            + " again when that read is done, or stop it if it hangs");
            assertThat(held.get(60, TimeUnit.SECONDS)).isEqualTo(commit.name());
            assertThat(waiter.read().revision()).isEqualTo(commit.name());
        }
    }

    @Test
    void aReadWaitsForAnotherProcessAndNamesItWhenTheWaitRunsOut() throws Exception {
        try (GitManifestSource source = source(GitEvents.NONE, Duration.ofMillis(300))) {
            Files.createDirectories(lockFile(source).getParent());
            try (LockHolder other = LockHolder.start(lockFile(source))) {
                BerthException e = catchThrowableOfType(BerthException.class, source::read);

                assertThat(e.reason()).isEqualTo(Reason.SourceUnavailable);
                assertThat(e.getMessage())
                        .startsWith("the git cache is busy: " + lockFile(source) + " is held by pid " + other.pid()
                                + " since ")
                        .contains("waited 300 ms");
            }
            assertThat(source.read().revision()).isEqualTo(commit.name());
            assertThat(Files.readString(lockFile(source)))
                    .as("no holder named after it left")
                    .isEmpty();
        }
    }

    @Test
    void aLinkAtTheLockFileIsReplacedAndNeverWrittenThrough() throws Exception {
        Path precious = Files.writeString(tmp.resolve("precious"), "keep me");
        try (GitManifestSource source = source(GitEvents.NONE, Duration.ofSeconds(30))) {
            Files.createDirectories(lockFile(source).getParent());
            Files.createSymbolicLink(lockFile(source), precious);

            assertThat(source.read().revision()).isEqualTo(commit.name());

            assertThat(precious).hasContent("keep me");
            assertThat(lockFile(source)).isRegularFile();
            assertThat(Files.isSymbolicLink(lockFile(source))).isFalse();
            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(lockFile(source), LinkOption.NOFOLLOW_LINKS)))
                    .isEqualTo("rw-------");
        }
    }
}

package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.reconciler.port.Download;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speed floor against real slow servers: a read timeout never fires when a byte comes just before it, so only
 * the floor ends such a transfer, as a transient failure that is retried and resumed.
 */
class SpeedFloorTest {
    private static final byte[] IMAGE = Images.bytes(20_000, 3);
    private static final Sha256 SHA = Images.sha256(IMAGE);
    /** Longer than any test here needs, even on a busy machine: only a hang exceeds it. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path pool;

    private final RecordingSleeper sleeper = new RecordingSleeper();

    /** Read timeout 1 s, floor 1 KiB/s over 2 s, on the real clock. */
    private UrlImageFetcher fetcher(int attempts) {
        DownloadPolicy policy = Fetchers.policy()
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1))
                .withLowSpeed(1024, Duration.ofSeconds(2))
                .withMaxAttempts(attempts);
        return Fetchers.fetcher(pool, policy, Fetchers.context(sleeper).withClock(Clock.systemUTC()));
    }

    private BerthException fetchFails(TricklingServer server, int attempts) {
        return assertTimeoutPreemptively(BOUND, () -> {
            try (UrlImageFetcher f = fetcher(attempts)) {
                return catchThrowableOfType(
                        BerthException.class,
                        () -> f.fetch(
                                new Download("hello 1.0", server.uri("/img.raw"), SHA, "m.yaml:4"), Images.TARGET));
            }
        });
    }

    @Test
    void aBodyWithOneByteJustBeforeEachReadTimeoutIsTooSlowRetriedAndResumed() throws Exception {
        try (TricklingServer server = TricklingServer.body(IMAGE, 1, Duration.ofMillis(800))) {
            BerthException e = fetchFails(server, 2);

            assertThat(e.reason()).isEqualTo(Reason.FetchFailed);
            assertThat(e.getMessage())
                    .contains(
                            "gave up after 2 attempts",
                            "slower than 1 KiB/s for 2 s (received ",
                            " bytes in the last 2 s) while reading the body",
                            "is kept and resumed")
                    .doesNotContain("shutting down", "timed out");
            assertThat(sleeper.sleeps()).as("retried with backoff").hasSize(1);
            assertThat(server.requests().get(1)).contains("Range: bytes=", "If-Range: \"trickle\"");
            assertThat(Pool.names(pool)).containsExactly(Images.PARTIAL, Images.META);
        }
    }

    @Test
    void headersTrickledOneByteAtATimeAreTooSlow() throws Exception {
        try (TricklingServer server = TricklingServer.headers(Duration.ofMillis(500))) {
            BerthException e = fetchFails(server, 1);

            assertThat(e.reason()).isEqualTo(Reason.FetchFailed);
            assertThat(e.getMessage())
                    .contains("slower than 1 KiB/s for 2 s (the response headers had not arrived after 2 s) before the"
                            + " response arrived");
            Pool.assertEmpty(pool);
        }
    }

    @Test
    void aSlowButSteadyServerAboveTheFloorIsNotStopped() throws Exception {
        // About 10 KB/s for two seconds: slow, but ten times the floor.
        try (TricklingServer server = TricklingServer.body(IMAGE, 200, Duration.ofMillis(20))) {
            assertTimeoutPreemptively(BOUND, () -> {
                try (UrlImageFetcher f = fetcher(1)) {
                    f.fetch(new Download("hello 1.0", server.uri("/img.raw"), SHA, "m.yaml:4"), Images.TARGET);
                }
            });
            Pool.assertOnlyImage(pool, IMAGE);
        }
    }
}

package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.testkit.http.HttpDates;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.Resource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryTest {
    private static final byte[] IMAGE = Images.bytes(64 * 1024, 3);
    private static final Sha256 SHA = Images.sha256(IMAGE);

    @TempDir
    Path pool;

    private final MisbehavingHttpServer server = MisbehavingHttpServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void stop() {
        server.close();
    }

    private void fetch(URI url, DownloadPolicy policy) {
        try (UrlImageFetcher f = Fetchers.fetcher(pool, policy, Fetchers.context(sleeper))) {
            f.fetch(Images.spec(url, SHA), Images.TARGET);
        }
    }

    @Test
    void a503WithRetryAfterSecondsIsRetriedAfterThatDelay() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        server.enqueue("/img.raw", Reply.status(503, "Retry-After", "7"));
        fetch(server.uri("/img.raw"), Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(server.requests()).extracting(r -> r.status()).containsExactly(503, 200);
    }

    @Test
    void a429WithRetryAfterAsAnHttpDateIsRetriedWhenThatTimeComes() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        server.enqueue("/img.raw", Reply.status(429, "Retry-After", HttpDates.format(Fetchers.NOW.plusSeconds(30))));
        fetch(server.uri("/img.raw"), Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aRetryAfterBeyondTheCapWaitsOnlyTheCap() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        server.enqueue("/img.raw", Reply.status(503, "Retry-After", "86400"));
        fetch(server.uri("/img.raw"), Fetchers.policy());
        assertThat(sleeper.sleeps()).containsExactly(DownloadPolicy.defaults().retryAfterCap());
    }

    @Test
    void serverErrorsWithoutRetryAfterBackOffExponentially() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        server.enqueue("/img.raw", Reply.status(500), Reply.status(502), Reply.status(429));
        fetch(server.uri("/img.raw"), Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
        // base 1 s, equal jitter with random 0.5: 0.75 of 1 s, 2 s, 4 s
        assertThat(sleeper.sleeps())
                .containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500), Duration.ofMillis(3000));
    }

    @Test
    void aServerThatStaysUnavailableExhaustsTheAttemptsAndLeavesNothing() {
        server.always("/img.raw", Reply.status(503, "Retry-After", "1"));
        BerthException e =
                catchThrowableOfType(BerthException.class, () -> fetch(server.uri("/img.raw"), Fetchers.policy()));
        assertThat(e.reason()).isEqualTo(Reason.FetchFailed);
        assertThat(e.getMessage())
                .contains(
                        "image hello 1.0",
                        server.uri("/img.raw").toString(),
                        "gave up after 5 attempts",
                        "answered 503",
                        "Nothing was kept",
                        "tries again on its next pass");
        assertThat(server.requests()).hasSize(5);
        assertThat(sleeper.sleeps()).hasSize(4);
        Pool.assertEmpty(pool);
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedAsFetchFailed() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        BerthException e = catchThrowableOfType(
                BerthException.class,
                () -> fetch(
                        URI.create("http://127.0.0.1:" + closedPort + "/img.raw"),
                        Fetchers.policy().withMaxAttempts(3)));
        assertThat(e.reason()).isEqualTo(Reason.FetchFailed);
        assertThat(e.getMessage()).contains("gave up after 3 attempts", "cannot connect to 127.0.0.1");
        assertThat(sleeper.sleeps()).hasSize(2);
        Pool.assertEmpty(pool);
    }

    @Test
    void aServerThatNeverAcceptsHitsTheConnectTimeoutAndIsRetried() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Never accepted: once the backlog is full, the kernel drops further SYNs, so connecting hangs.
            java.util.List<java.net.Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    java.net.Socket s = new java.net.Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(s);
                    } catch (java.io.IOException backlogFull) {
                        s.close();
                    }
                }
                URI url = URI.create("http://127.0.0.1:" + full.getLocalPort() + "/img.raw");
                DownloadPolicy policy = Fetchers.policy()
                        .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5))
                        .withMaxAttempts(2);
                BerthException e = catchThrowableOfType(BerthException.class, () -> fetch(url, policy));
                assertThat(e.reason()).isEqualTo(Reason.FetchFailed);
                assertThat(e.getMessage())
                        .contains(
                                "gave up after 2 attempts",
                                "timed out before the response arrived (connect timeout 0.3 s");
                assertThat(sleeper.sleeps()).hasSize(1);
                Pool.assertEmpty(pool);
            } finally {
                for (java.net.Socket s : fillers) {
                    s.close();
                }
            }
        }
    }
}

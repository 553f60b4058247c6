package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.BerthException;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.reconciler.port.FetchedFile;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.Resource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpDownloadTest {
    private static final byte[] IMAGE = Images.bytes(256 * 1024, 1);
    private static final Sha256 SHA = Images.sha256(IMAGE);

    @TempDir
    Path pool;

    private final MisbehavingHttpServer server = MisbehavingHttpServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void stop() {
        server.close();
    }

    private BerthException fetchFails(URI url, Sha256 sha, DownloadPolicy policy) {
        try (UrlImageFetcher f = Fetchers.fetcher(pool, policy, Fetchers.context(sleeper))) {
            return (BerthException)
                    org.assertj.core.api.Assertions.catchThrowable(() -> f.fetch(Images.spec(url, sha), Images.TARGET));
        }
    }

    @Test
    void downloadsVerifiesAndRenamesIntoTheTargetPath() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        RecordingProgress progress = new RecordingProgress();
        FetchedFile fetched;
        try (UrlImageFetcher f = new UrlImageFetcher(
                pool, Fetchers.policy(), Fetchers.context(sleeper).withProgress(progress))) {
            fetched = f.fetch(Images.spec(server.uri("/img.raw"), SHA), Images.TARGET);
        }
        assertThat(fetched.path()).isEqualTo(pool.resolve(Images.TARGET).toString());
        assertThat(fetched.sha256()).isEqualTo(SHA);
        assertThat(fetched.size()).isEqualTo(IMAGE.length);
        assertThat(fetched.modified())
                .isEqualTo(
                        Files.getLastModifiedTime(pool.resolve(Images.TARGET)).toInstant());
        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).header("Accept-Encoding")).hasValue("identity");
        assertThat(server.requests().get(0).header("Range")).isEmpty();
        assertThat(progress.events()).first().isEqualTo("started hello 1.0 0/" + IMAGE.length);
        assertThat(progress.events()).last().isEqualTo("ended " + IMAGE.length + " complete");
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void anAbsoluteTargetInThePoolIsUsedAsGiven() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        try (UrlImageFetcher f = Fetchers.fetcher(pool, Fetchers.policy(), Fetchers.context(sleeper))) {
            f.fetch(
                    Images.spec(server.uri("/img.raw"), SHA),
                    pool.resolve(Images.TARGET).toString());
        }
        Pool.assertOnlyImage(pool, IMAGE);
    }

    @Test
    void aWrongHashLeavesNothingAndNamesBothHashesAndTheUrlWithoutItsQuery() {
        server.put("/img.raw", Resource.of(IMAGE));
        Sha256 expected = Images.sha256(new byte[] {1, 2, 3});
        BerthException e =
                fetchFails(URI.create(server.origin() + "/img.raw?token=s3cret"), expected, Fetchers.policy());
        assertThat(e.reason()).isEqualTo(Reason.VerificationFailed);
        assertThat(e.getMessage())
                .contains(
                        "image hello 1.0",
                        server.origin() + "/img.raw?…",
                        SHA.hex(),
                        expected.hex(),
                        "the download was deleted",
                        "url and sha256 in the manifest")
                .doesNotContain("s3cret");
        Pool.assertEmpty(pool);
        assertThat(server.requests()).as("a hash mismatch is not retried").hasSize(1);
    }

    @Test
    void notFoundIsRefusedAtOnceWithoutRetrying() {
        BerthException e = fetchFails(server.uri("/missing.raw"), SHA, Fetchers.policy());
        assertThat(e.reason()).isEqualTo(Reason.FetchRefused);
        assertThat(e.getMessage())
                .contains(
                        "image hello 1.0",
                        "answered 404",
                        server.uri("/missing.raw").toString(),
                        "check the url in the manifest");
        Pool.assertEmpty(pool);
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void forbiddenIsRefusedAtOnce() {
        server.always("/img.raw", Reply.status(403));
        BerthException e = fetchFails(server.uri("/img.raw"), SHA, Fetchers.policy());
        assertThat(e.reason()).isEqualTo(Reason.FetchRefused);
        assertThat(e.getMessage()).contains("answered 403", "refuses access");
        Pool.assertEmpty(pool);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void plainHttpIsRefusedUnlessAllowedAndTheMessageNamesTheFlag() {
        server.put("/img.raw", Resource.of(IMAGE));
        BerthException e =
                fetchFails(server.uri("/img.raw"), SHA, Fetchers.policy().withLimits(LocalPolicy.permissive(false)));
        assertThat(e.reason()).isEqualTo(Reason.FetchRefused);
        assertThat(e.getMessage()).contains("plain http is not allowed", "--allow-http", "image hello 1.0");
        assertThat(server.requests()).isEmpty();
        Pool.assertEmpty(pool);
    }

    @Test
    void followsRedirectsUpToTheLimitResolvingRelativeLocations() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        for (int i = 1; i <= 4; i++) {
            server.always("/r" + i, Reply.redirect(302, "/r" + (i + 1)));
        }
        server.always("/r5", Reply.redirect(308, server.uri("/img.raw").toString()));
        try (UrlImageFetcher f =
                Fetchers.fetcher(pool, Fetchers.policy().withMaxRedirects(5), Fetchers.context(sleeper))) {
            f.fetch(Images.spec(server.uri("/r1"), SHA), Images.TARGET);
        }
        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(server.requests())
                .extracting(r -> r.path())
                .containsExactly("/r1", "/r2", "/r3", "/r4", "/r5", "/img.raw");
    }

    @Test
    void aRedirectChainLongerThanTheLimitIsRefused() {
        for (int i = 1; i <= 9; i++) {
            server.always("/r" + i, Reply.redirect(302, "/r" + (i + 1)));
        }
        BerthException e = fetchFails(server.uri("/r1"), SHA, Fetchers.policy().withMaxRedirects(5));
        assertThat(e.reason()).isEqualTo(Reason.FetchRefused);
        assertThat(e.getMessage())
                .contains("more than 5 redirects", server.uri("/r7").toString());
        assertThat(server.requests()).hasSize(6);
        Pool.assertEmpty(pool);
    }

    @Test
    void aRedirectLoopIsRefusedAndShown() {
        server.always("/a", Reply.redirect(302, "/b"));
        server.always("/b", Reply.redirect(301, "/a"));
        BerthException e = fetchFails(server.uri("/a"), SHA, Fetchers.policy());
        assertThat(e.reason()).isEqualTo(Reason.FetchRefused);
        assertThat(e.getMessage())
                .contains(
                        "the redirects loop", server.uri("/a") + " -> " + server.uri("/b") + " -> " + server.uri("/a"));
        assertThat(server.requests()).hasSize(2);
        Pool.assertEmpty(pool);
    }

    @Test
    void aRedirectToAFileUrlIsRefused() {
        server.always(
                "/a", Reply.raw(302, Map.of("Location", "file:///etc/passwd", "Content-Length", "0"), new byte[0]));
        BerthException e = fetchFails(server.uri("/a"), SHA, Fetchers.policy());
        assertThat(e.reason()).isEqualTo(Reason.FetchRefused);
        assertThat(e.getMessage()).contains("unsupported URL (file:", "etc/passwd)", "only https and http redirects");
        Pool.assertEmpty(pool);
    }

    @Test
    void aSecondDownloadOfTheSameTargetAtTheSameTimeIsTurnedAway() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        server.enqueue("/img.raw", Reply.stallAfter(1000, java.time.Duration.ofSeconds(3)));
        DownloadPolicy policy =
                Fetchers.policy().withTimeouts(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(1));
        try (UrlImageFetcher f = Fetchers.fetcher(pool, policy, Fetchers.context(sleeper))) {
            java.util.concurrent.CompletableFuture<FetchedFile> first =
                    java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> f.fetch(Images.spec(server.uri("/img.raw"), SHA), Images.TARGET));
            while (server.requests().isEmpty()) {
                Thread.sleep(10);
            }
            BerthException e = (BerthException) org.assertj.core.api.Assertions.catchThrowable(
                    () -> f.fetch(Images.spec(server.uri("/img.raw"), SHA), Images.TARGET));
            assertThat(e.reason()).isEqualTo(Reason.FetchFailed);
            assertThat(e.getMessage()).contains("another download of this image", "is in progress");
            assertThat(first.get().sha256()).isEqualTo(SHA);
        }
        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).header("Range")).hasValue("bytes=1000-");
    }

    @Test
    void aRedirectToAUrlThatCannotBeRequestedIsRefused() {
        server.always("/a", Reply.redirect(302, "http://127.0.0.1:99999/img.raw"));
        BerthException e = fetchFails(server.uri("/a"), SHA, Fetchers.policy());
        assertThat(e.reason()).isEqualTo(Reason.FetchRefused);
        assertThat(e.getMessage()).contains("cannot be requested", "check the url");
        Pool.assertEmpty(pool);
    }
}

package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.Resource;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsTest {
    private static final int SIZE = 200_000;
    private static final byte[] IMAGE = Images.bytes(SIZE, 4);
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

    private BerthException fetchFails(DownloadPolicy policy) {
        return catchThrowableOfType(BerthException.class, () -> fetch(server.uri("/img.raw"), policy));
    }

    @Test
    void aHugeAnnouncedLengthIsRefusedBeforeDownloading() {
        server.always("/img.raw", Reply.raw(200, Map.of("Content-Length", "10995116277760"), IMAGE));
        BerthException e = fetchFails(Fetchers.policy());
        assertThat(e.reason()).isEqualTo(Reason.PolicyViolation);
        assertThat(e.getMessage())
                .contains(
                        "image hello 1.0",
                        "announces 10.0 TiB (10995116277760 bytes)",
                        "more than this host's limit of 8.0 GiB",
                        "maximum image size (policy.maxImageBytes)");
        assertThat(server.requests()).hasSize(1);
        Pool.assertEmpty(pool);
    }

    @Test
    void aBodyWithoutLengthThatGrowsPastTheLimitIsCutAndDiscarded() {
        server.put("/img.raw", Resource.of(IMAGE));
        server.always("/img.raw", Reply.chunked());
        BerthException e = fetchFails(
                Fetchers.policy().withLimits(Fetchers.maxImageBytes(SIZE / 2)).withBufferBytes(16 * 1024));
        assertThat(e.reason()).isEqualTo(Reason.PolicyViolation);
        assertThat(e.getMessage()).contains("the body grew past the limit", "more than this host's limit of 97.7 KiB");
        assertThat(server.requests()).hasSize(1);
        Pool.assertEmpty(pool);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsFetched() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        server.always("/img.raw", Reply.chunked());
        fetch(server.uri("/img.raw"), Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
    }

    @Test
    void bytesBeyondAShortContentLengthAreNotTakenSoTheHashCatchesTheTruncatedFile() {
        server.always("/img.raw", Reply.raw(200, Map.of("Content-Length", Integer.toString(SIZE - 1000)), IMAGE));
        BerthException e = fetchFails(Fetchers.policy());
        assertThat(e.reason()).isEqualTo(Reason.VerificationFailed);
        assertThat(e.getMessage())
                .contains(
                        "(" + (SIZE - 1000) + " bytes)",
                        SHA.hex(),
                        Images.sha256(Arrays.copyOf(IMAGE, SIZE - 1000)).hex());
        assertThat(server.requests()).hasSize(1);
        Pool.assertEmpty(pool);
    }

    @Test
    void garbageAfterTheAnnouncedBodyNeverReachesTheImage() throws Exception {
        byte[] withGarbage = Arrays.copyOf(IMAGE, SIZE + 4096);
        Arrays.fill(withGarbage, SIZE, withGarbage.length, (byte) 0x5a);
        server.always("/img.raw", Reply.raw(200, Map.of("Content-Length", Integer.toString(SIZE)), withGarbage));
        fetch(server.uri("/img.raw"), Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
    }
}

package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.testkit.http.HttpDates;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.RecordedRequest;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.Resource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {
    private static final int SIZE = 256 * 1024;
    private static final int CUT = 100_000;
    private static final byte[] IMAGE = Images.bytes(SIZE, 2);
    private static final Sha256 SHA = Images.sha256(IMAGE);

    @TempDir
    Path pool;

    private final MisbehavingHttpServer server = MisbehavingHttpServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void stop() {
        server.close();
    }

    private void fetch(DownloadPolicy policy) {
        try (UrlImageFetcher f = Fetchers.fetcher(pool, policy, Fetchers.context(sleeper))) {
            f.fetch(Images.spec(server.uri("/img.raw"), SHA), Images.TARGET);
        }
    }

    private BerthException fetchFails(DownloadPolicy policy) {
        return catchThrowableOfType(BerthException.class, () -> fetch(policy));
    }

    /** A first run that dies after CUT bytes and keeps its partial, as after a crash or a lost connection. */
    private void interruptedEarlierRun() throws Exception {
        server.enqueue("/img.raw", Reply.dropAfter(CUT));
        BerthException e = fetchFails(Fetchers.policy().withMaxAttempts(1));
        assertThat(e.reason()).isEqualTo(Reason.FetchFailed);
        assertThat(e.getMessage()).contains("gave up after 1 attempts", "is kept and resumed");
        Pool.assertOnlyResumablePartial(pool, CUT);
    }

    @Test
    void aConnectionDroppedMidBodyIsResumedAskingOnlyForTheRest() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        server.enqueue("/img.raw", Reply.dropAfter(CUT));
        fetch(Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
        List<RecordedRequest> requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).bodyBytesSent()).isEqualTo(CUT);
        assertThat(requests.get(1).header("Range")).hasValue("bytes=" + CUT + "-");
        assertThat(requests.get(1).header("If-Range"))
                .isEqualTo(Resource.of(IMAGE).etag());
        assertThat(requests.get(1).status()).isEqualTo(206);
        assertThat(requests.get(1).bodyBytesSent()).isEqualTo(SIZE - CUT);
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @Test
    void aStalledBodyHitsTheReadTimeoutAndIsResumed() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        server.enqueue("/img.raw", Reply.stallAfter(CUT, Duration.ofSeconds(20)));
        fetch(Fetchers.policy().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));
        Pool.assertOnlyImage(pool, IMAGE);
        List<RecordedRequest> requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).bodyBytesSent()).isEqualTo(CUT);
        assertThat(requests.get(1).header("Range")).hasValue("bytes=" + CUT + "-");
        assertThat(requests.get(1).bodyBytesSent()).isEqualTo(SIZE - CUT);
    }

    @Test
    void aPartialLeftByAnEarlierRunIsContinuedByANewFetcher() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        interruptedEarlierRun();
        fetch(Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
        RecordedRequest resumed = server.requests().get(1);
        assertThat(resumed.header("Range")).hasValue("bytes=" + CUT + "-");
        assertThat(resumed.bodyBytesSent()).isEqualTo(SIZE - CUT);
    }

    @Test
    void onlyLastModifiedIsEnoughToResume() throws Exception {
        Instant modified = Instant.parse("2026-11-01T10:00:00Z");
        server.put("/img.raw", Resource.of(IMAGE).withoutEtag().withLastModified(modified));
        server.enqueue("/img.raw", Reply.dropAfter(CUT));
        fetch(Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
        RecordedRequest resumed = server.requests().get(1);
        assertThat(resumed.header("If-Range")).hasValue(HttpDates.format(modified));
        assertThat(resumed.bodyBytesSent()).isEqualTo(SIZE - CUT);
    }

    @Test
    void aChangedEtagMakesTheServerSendEverythingAndTheDownloadRestartsFromZero() throws Exception {
        Resource v1 = Resource.of(IMAGE).withEtag("\"v1\"");
        server.put("/img.raw", v1);
        interruptedEarlierRun();
        server.put("/img.raw", v1.withEtag("\"v2\""));
        fetch(Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
        RecordedRequest second = server.requests().get(1);
        assertThat(second.header("If-Range")).hasValue("\"v1\"");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.bodyBytesSent()).isEqualTo(SIZE);
    }

    @Test
    void aServerWithoutRangeSupportGetsADownloadFromZero() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE).withoutRanges());
        server.enqueue("/img.raw", Reply.dropAfter(CUT));
        fetch(Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
        RecordedRequest second = server.requests().get(1);
        assertThat(second.header("Range")).hasValue("bytes=" + CUT + "-");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.bodyBytesSent()).isEqualTo(SIZE);
    }

    @Test
    void withoutAnyValidatorNothingIsResumedAndNoPartialIsKept() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE).withoutEtag());
        server.enqueue("/img.raw", Reply.dropAfter(CUT));
        BerthException e = fetchFails(Fetchers.policy().withMaxAttempts(1));
        assertThat(e.getMessage()).contains("Nothing was kept");
        Pool.assertEmpty(pool);
        server.enqueue("/img.raw", Reply.dropAfter(CUT));
        fetch(Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(server.requests().get(2).header("Range")).isEmpty();
        assertThat(server.requests().get(2).bodyBytesSent()).isEqualTo(SIZE);
    }

    @Test
    void aPartialOfAnotherExpectedHashIsNotContinued() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        interruptedEarlierRun();
        Files.write(
                pool.resolve(Images.META),
                Files.readString(pool.resolve(Images.META))
                        .replace(SHA.hex(), "0".repeat(64))
                        .getBytes(StandardCharsets.UTF_8));
        fetch(Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(server.requests().get(1).header("Range")).isEmpty();
    }

    @Test
    void aBodyAlwaysShorterThanAnnouncedExhaustsTheRetriesAndKeepsThePartial() throws Exception {
        byte[] half = Arrays.copyOf(IMAGE, SIZE / 2);
        server.always(
                "/img.raw", Reply.raw(200, Map.of("Content-Length", Integer.toString(SIZE), "ETag", "\"x\""), half));
        BerthException e = fetchFails(Fetchers.policy().withMaxAttempts(3));
        assertThat(e.reason()).isEqualTo(Reason.FetchFailed);
        assertThat(e.getMessage())
                .contains(
                        "image hello 1.0", "gave up after 3 attempts", "while reading the body", "is kept and resumed");
        Pool.assertOnlyResumablePartial(pool, SIZE / 2);
        assertThat(server.requests()).hasSize(3);
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void aResumedBodyLongerThanItsRangeIsDroppedAndTheDownloadStartsOver() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        byte[] restAndGarbage = Arrays.copyOfRange(IMAGE, CUT, SIZE + 500);
        server.enqueue(
                "/img.raw",
                Reply.dropAfter(CUT),
                Reply.raw(
                        206,
                        Map.of(
                                "Content-Range",
                                "bytes " + CUT + "-" + (SIZE - 1) + "/" + SIZE,
                                "Content-Length",
                                Integer.toString(restAndGarbage.length)),
                        restAndGarbage));
        fetch(Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
        List<RecordedRequest> requests = server.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(1).header("Range")).hasValue("bytes=" + CUT + "-");
        assertThat(requests.get(2).header("Range"))
                .as("after dropping the bytes")
                .isEmpty();
    }

    @Test
    void aCompletePartialWhoseRangeIsUnsatisfiableIsVerifiedWithoutDownloadingAgain() throws Exception {
        server.put("/img.raw", Resource.of(IMAGE));
        server.enqueue("/img.raw", Reply.serve());
        Pool.writePartial(pool, IMAGE);
        Pool.writeMeta(
                pool, server.uri("/img.raw"), SHA, Resource.of(IMAGE).etag().orElseThrow());
        fetch(Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).status()).isEqualTo(416);
        assertThat(server.requests().get(0).bodyBytesSent()).isZero();
    }
}

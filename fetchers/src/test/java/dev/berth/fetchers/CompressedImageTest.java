package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.BerthException;
import dev.berth.model.Compression;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.reconciler.port.FetchedFile;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.RecordedRequest;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.Resource;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressedImageTest {
    /** Half random, half repeated: compressible, yet big enough to span many blocks and reads. */
    private static final byte[] IMAGE = image();

    @TempDir
    Path pool;

    private final MisbehavingHttpServer server = MisbehavingHttpServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] image() {
        byte[] random = Images.bytes(1024 * 1024, 11);
        byte[] b = new byte[3 * 1024 * 1024];
        System.arraycopy(random, 0, b, 0, random.length);
        for (int i = random.length; i < b.length; i++) {
            b[i] = (byte) (i % 97);
        }
        return b;
    }

    private ImageSpec served(Compression how, byte[] published) {
        String name = "/hello_1.0.raw" + how.suffix();
        server.put(name, Resource.of(published));
        return Images.spec(server.uri(name), Images.sha256(published));
    }

    private FetchedFile fetch(ImageSpec spec, DownloadPolicy policy) {
        try (UrlImageFetcher f = Fetchers.fetcher(pool, policy, Fetchers.context(sleeper))) {
            return f.fetch(spec, Images.TARGET);
        }
    }

    private BerthException fetchFails(ImageSpec spec, DownloadPolicy policy) {
        return catchThrowableOfType(BerthException.class, () -> fetch(spec, policy));
    }

    @ParameterizedTest
    @EnumSource(names = {"GZIP", "XZ", "ZSTD"})
    void eachPublishedCompressionIsVerifiedAsPublishedAndLandsDecompressedAsAPrivateFile(Compression how)
            throws Exception {
        byte[] published = Compressor.compress(how, IMAGE);
        ImageSpec spec = served(how, published);
        assertThat(spec.compression()).isEqualTo(how);

        FetchedFile fetched = fetch(spec, Fetchers.policy());

        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(fetched.sha256()).isEqualTo(Images.sha256(published));
        assertThat(fetched.size()).isEqualTo(IMAGE.length);
        assertThat(Files.getPosixFilePermissions(pool.resolve(Images.TARGET), LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @ParameterizedTest
    @EnumSource(names = {"GZIP", "XZ", "ZSTD"})
    void aCorruptStreamThatMatchesItsSha256IsAVerificationFailureAndLeavesNothing(Compression how) {
        byte[] published = Compressor.compress(how, IMAGE);
        for (int i = published.length / 3; i < published.length / 3 + 64; i++) {
            published[i] ^= (byte) 0x5a;
        }

        BerthException e = fetchFails(served(how, published), Fetchers.policy());

        assertThat(e.reason()).isEqualTo(Reason.VerificationFailed);
        assertThat(e.getMessage())
                .contains(
                        "hello 1.0", server.uri("/hello_1.0.raw" + how.suffix()).toString())
                .contains("matches the manifest's sha256 but cannot be decompressed")
                .contains("ask its publisher for a good one");
        Pool.assertEmpty(pool);
    }

    @Test
    void aTruncatedStreamIsAVerificationFailure() {
        byte[] whole = Compressor.compress(Compression.ZSTD, IMAGE);
        byte[] published = java.util.Arrays.copyOf(whole, whole.length / 2);

        BerthException e = fetchFails(served(Compression.ZSTD, published), Fetchers.policy());

        assertThat(e.reason()).isEqualTo(Reason.VerificationFailed);
        Pool.assertEmpty(pool);
    }

    @Test
    void aDecompressionBombStopsAtTheHostsSizeLimitAndLeavesNothing() {
        byte[] zeros = new byte[32 * 1024 * 1024];
        byte[] published = Compressor.compress(Compression.ZSTD, zeros, "-19");
        assertThat(published.length).isLessThan(64 * 1024);

        BerthException e = fetchFails(
                served(Compression.ZSTD, published),
                Fetchers.policy().withLimits(Fetchers.maxImageBytes(8 * 1024 * 1024)));

        assertThat(e.reason()).isEqualTo(Reason.PolicyViolation);
        assertThat(e.getMessage()).contains("hello 1.0", "decompresses to more than 8.0 MiB", "maxImageBytes");
        Pool.assertEmpty(pool);
    }

    @Test
    void anXzStreamNeedingMoreMemoryThanTheAgentGivesIsRefusedSayingHowToCompressIt() {
        byte[] published = Compressor.compress(Compression.XZ, Images.bytes(4096, 3), "-9");

        BerthException e = fetchFails(served(Compression.XZ, published), Fetchers.policy());

        assertThat(e.reason()).isEqualTo(Reason.VerificationFailed);
        assertThat(e.getMessage()).contains("needs 64 MiB", "xz -7 or lower");
        Pool.assertEmpty(pool);
    }

    @Test
    void aConnectionDroppedMidwayResumesFromTheCompressedOffset() throws Exception {
        byte[] published = Compressor.compress(Compression.XZ, IMAGE, "-1");
        ImageSpec spec = served(Compression.XZ, published);
        long cut = published.length / 2;
        server.enqueue("/hello_1.0.raw.xz", Reply.dropAfter(cut));

        fetch(spec, Fetchers.policy());

        Pool.assertOnlyImage(pool, IMAGE);
        List<RecordedRequest> requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).bodyBytesSent()).isEqualTo(cut);
        assertThat(requests.get(1).header("Range")).hasValue("bytes=" + cut + "-");
        assertThat(requests.get(1).status()).isEqualTo(206);
        assertThat(requests.get(1).bodyBytesSent()).isEqualTo(published.length - cut);
    }

    @Test
    void anInterruptedRunKeepsTheCompressedPartialAndTheNextRunResumesIt() throws Exception {
        byte[] published = Compressor.compress(Compression.ZSTD, IMAGE);
        ImageSpec spec = served(Compression.ZSTD, published);
        long cut = published.length / 3;
        server.enqueue("/hello_1.0.raw.zst", Reply.dropAfter(cut));

        BerthException first = fetchFails(spec, Fetchers.policy().withMaxAttempts(1));

        assertThat(first.reason()).isEqualTo(Reason.FetchFailed);
        Pool.assertOnlyResumablePartial(pool, cut);
        fetch(spec, Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(server.requests().get(1).header("Range")).hasValue("bytes=" + cut + "-");
    }

    @Test
    void aWrongSha256IsRefusedBeforeAnyByteIsDecompressed() {
        byte[] published = Compressor.compress(Compression.GZIP, IMAGE);
        ImageSpec spec = Images.spec(served(Compression.GZIP, published).url(), new Sha256("0".repeat(64)));

        BerthException e = fetchFails(spec, Fetchers.policy());

        assertThat(e.reason()).isEqualTo(Reason.VerificationFailed);
        assertThat(e.getMessage())
                .contains("has sha256 " + Images.sha256(published).hex());
        Pool.assertEmpty(pool);
    }
}

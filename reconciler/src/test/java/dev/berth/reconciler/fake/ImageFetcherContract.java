package dev.berth.reconciler.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.BerthException;
import dev.berth.model.Compression;
import dev.berth.model.ImageSpec;
import dev.berth.model.Origin;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.reconciler.port.FetchedFile;
import dev.berth.reconciler.port.ImageFetcher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link ImageFetcher} does; run against the fake and the real downloader. */
public abstract class ImageFetcherContract {
    protected abstract ImageFetcher fetcher();

    /** Makes {@code content} downloadable; returns its URL. */
    protected abstract URI serve(String name, byte[] content);

    /** A URL where nothing is served (404 or no such file). */
    protected abstract URI missing(String name);

    /** The absolute pool path for {@code fileName}. */
    protected abstract String target(String fileName);

    /** Names of the files in the pool directory, hidden ones included. */
    protected abstract List<String> poolFileNames();

    protected abstract byte[] read(String path);

    @Test
    void aDownloadWithTheRightHashLandsAtTheTarget() {
        byte[] content = "portable image bytes".getBytes(StandardCharsets.UTF_8);
        ImageSpec spec = spec(serve("hello_1.0.raw", content), FakeImagePool.sha256(content));

        FetchedFile fetched = fetcher().fetch(spec, target("hello_1.0.raw"));

        assertThat(fetched.path()).isEqualTo(target("hello_1.0.raw"));
        assertThat(fetched.sha256()).isEqualTo(FakeImagePool.sha256(content));
        assertThat(fetched.size()).isEqualTo(content.length);
        assertThat(read(target("hello_1.0.raw"))).isEqualTo(content);
        assertThat(poolFileNames()).containsExactly("hello_1.0.raw");
    }

    @Test
    void aWrongHashLeavesNothingInThePool() {
        byte[] content = "tampered".getBytes(StandardCharsets.UTF_8);
        ImageSpec spec = spec(serve("hello_1.0.raw", content), new Sha256("0".repeat(64)));

        assertThatThrownBy(() -> fetcher().fetch(spec, target("hello_1.0.raw")))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.VerificationFailed))
                .hasMessageContaining("hello 1.0")
                // The expected one: a file: URL's own sha256 is not told, since it may be any file of the host.
                .hasMessageContaining("0".repeat(64));
        assertThat(poolFileNames()).isEmpty();
    }

    @Test
    void aMissingImageIsRefusedAndLeavesNothing() {
        ImageSpec spec = spec(missing("hello_1.0.raw"), new Sha256("0".repeat(64)));

        assertThatThrownBy(() -> fetcher().fetch(spec, target("hello_1.0.raw")))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FetchRefused))
                .hasMessageContaining("hello 1.0");
        assertThat(poolFileNames()).isEmpty();
    }

    @Test
    void aCompressedDownloadIsVerifiedAsPublishedAndLandsDecompressed() {
        byte[] image = "portable image bytes, ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        byte[] published = FakeImageFetcher.gzip(image);
        Sha256 sha = FakeImagePool.sha256(published);
        ImageSpec spec = spec(serve("hello_1.0.raw.gz", published), sha).withCompression(Compression.GZIP);

        FetchedFile fetched = fetcher().fetch(spec, target("hello_1.0.raw"));

        assertThat(fetched.sha256()).isEqualTo(sha);
        assertThat(fetched.size()).isEqualTo(image.length);
        assertThat(read(target("hello_1.0.raw"))).isEqualTo(image);
        assertThat(poolFileNames()).containsExactly("hello_1.0.raw");
    }

    @Test
    void aCorruptCompressedFileThatMatchesItsHashIsAVerificationFailureAndLeavesNothing() {
        byte[] published = FakeImageFetcher.gzip("portable image bytes".getBytes(StandardCharsets.UTF_8));
        published[published.length / 2] ^= 0x55;
        ImageSpec spec = spec(serve("hello_1.0.raw.gz", published), FakeImagePool.sha256(published))
                .withCompression(Compression.GZIP);

        assertThatThrownBy(() -> fetcher().fetch(spec, target("hello_1.0.raw")))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.VerificationFailed))
                .hasMessageContaining("hello 1.0");
        assertThat(poolFileNames()).isEmpty();
    }

    protected static ImageSpec spec(URI url, Sha256 sha) {
        return new ImageSpec(
                "hello", "1.0", url, sha, "default", List.of("hello"), true, true, false, new Origin("m.yaml", 4));
    }
}

package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.Compression;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.reconciler.fake.FakeImageFetcher;
import dev.berth.reconciler.fake.FakeImagePool;
import dev.berth.reconciler.fake.TestImage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompressedImageReconcileTest {
    private final World world = new World();

    /** hello 1.0 published as a gzip file: the entry's sha256 is the compressed file's. */
    private ImageSpec publishedGzipped() {
        ImageSpec plain = world.publish(TestImage.service("hello", "1.0"));
        byte[] gz = FakeImageFetcher.gzip("hello 1.0".getBytes(StandardCharsets.UTF_8));
        world.fetcher.serve(plain.url(), gz);
        return plain.resolvedTo(FakeImagePool.sha256(gz)).withCompression(Compression.GZIP);
    }

    @Test
    void aCompressedImageIsDownloadedOnceAndItsDecompressedFileIsTrustedOnLaterPasses() {
        ImageSpec hello = publishedGzipped();

        world.apply(hello);
        world.apply(hello);

        assertThat(world.fetcher.fetched()).hasSize(1);
        assertThat(world.pool.exists(Fixtures.path("hello", "1.0"))).isTrue();
        assertThat(world.plan(hello).isEmpty()).isTrue();
    }

    @Test
    void aFileAPersonPutAtTheTargetOfACompressedImageIsNeitherAdoptedNorOverwritten() {
        ImageSpec hello = publishedGzipped();
        world.pool.put(Fixtures.path("hello", "1.0"), "hello 1.0".getBytes(StandardCharsets.UTF_8));

        Pass pass = world.apply(hello);

        assertThat(pass.execution().failure().orElseThrow().error())
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.FileConflict))
                .hasMessageContaining("gzip-compressed")
                .hasMessageContaining("move the file away");
        assertThat(world.fetcher.fetched()).isEmpty();
        assertThat(world.pool.exists(Fixtures.path("hello", "1.0"))).isTrue();
    }
}

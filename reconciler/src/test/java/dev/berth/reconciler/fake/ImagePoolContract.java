package dev.berth.reconciler.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.host.PoolFile;
import dev.berth.reconciler.port.ImagePool;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What every {@link ImagePool} does; run against the fake and the real directory pool. */
public abstract class ImagePoolContract {
    protected abstract ImagePool pool();

    /** Writes {@code content} as {@code fileName} in the pool, the way a download or a person would. */
    protected abstract void put(String fileName, byte[] content);

    @Test
    void listsEveryFileWithItsSizeIncludingHiddenPartials() {
        put("hello_1.0.raw", bytes("twelve bytes"));
        put(".#hello_2.0.raw.partial", bytes("abc"));

        assertThat(pool().list())
                .extracting(PoolFile::fileName, PoolFile::size)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("hello_1.0.raw", 12L),
                        org.assertj.core.groups.Tuple.tuple(".#hello_2.0.raw.partial", 3L));
        assertThat(pool().list()).filteredOn(PoolFile::isPartial).hasSize(1);
    }

    @Test
    void pathsAreAbsoluteAndInsideThePool() {
        put("hello_1.0.raw", bytes("x"));

        String path = pool().pathOf("hello_1.0.raw");

        assertThat(path).startsWith("/").endsWith("/hello_1.0.raw");
        assertThat(pool().list()).extracting(PoolFile::path).containsExactly(path);
    }

    @Test
    void hashesAFileWithSha256() {
        put("hello_1.0.raw", bytes("abc"));

        assertThat(pool().hash(pool().pathOf("hello_1.0.raw")).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void deletingRemovesTheFileAndDeletingAMissingFileIsNotAnError() {
        put("hello_1.0.raw", bytes("abc"));

        pool().delete(pool().pathOf("hello_1.0.raw"));
        pool().delete(pool().pathOf("never_1.raw"));

        assertThat(pool().list()).isEmpty();
    }

    @Test
    void rewritingAFileChangesWhatIsListed() {
        put("hello_1.0.raw", bytes("abc"));
        PoolFile before = pool().list().get(0);

        put("hello_1.0.raw", bytes("abcdef"));

        assertThat(pool().list().get(0)).isNotEqualTo(before);
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingRingTest {
    @Test
    void blocksHashedInTheBackgroundGiveTheSameDigestAsHashingAtOnce() {
        byte[] data = Images.bytes(10 * 4096 + 123, 11);
        try (HashingRing ring = new HashingRing(4096)) {
            for (int off = 0; off < data.length; off += 4096) {
                byte[] block = ring.block();
                int n = Math.min(4096, data.length - off);
                System.arraycopy(data, off, block, 0, n);
                ring.hash(block, n);
            }
            assertThat(ring.sha256()).isEqualTo(Images.sha256(data));
        }
    }

    @Test
    void aResetStartsTheDigestOver() {
        try (HashingRing ring = new HashingRing(4096)) {
            byte[] block = ring.block();
            block[0] = 7;
            ring.hash(block, 1);
            ring.reset();
            assertThat(ring.sha256()).isEqualTo(Images.sha256(new byte[0]));
        }
    }

    @Test
    void onlyTheBlockGivenOutCanBeHashed() {
        try (HashingRing ring = new HashingRing(4096)) {
            assertThatThrownBy(() -> ring.hash(new byte[4096], 10)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aBackgroundSyncThatFailsIsReportedWhenAwaited(@TempDir Path dir) throws Exception {
        FileChannel ch = FileChannel.open(dir.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try (EarlyFlush flush = new EarlyFlush(ch, 10)) {
            ch.close();
            flush.written(100);
            assertThatThrownBy(flush::await).isInstanceOf(IOException.class);
        }
    }

    @Test
    void noSyncStartsBeforeEnoughIsWritten(@TempDir Path dir) throws Exception {
        FileChannel ch = FileChannel.open(dir.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try (EarlyFlush flush = new EarlyFlush(ch, 10)) {
            ch.close();
            flush.written(9);
            assertThatCode(flush::await).as("no sync ran, so none failed").doesNotThrowAnyException();
            flush.written(10);
            assertThatThrownBy(flush::await).isInstanceOf(IOException.class);
        }
    }
}

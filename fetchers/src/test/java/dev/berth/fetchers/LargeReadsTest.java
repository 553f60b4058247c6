package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class LargeReadsTest {
    /** Counts the reads that reach it, and gives at most {@code most} bytes per read like a socket would. */
    private static final class Counting extends FilterInputStream {
        int reads;
        private final int most;

        Counting(InputStream in, int most) {
            super(in);
            this.most = most;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reads++;
            return super.read(b, off, Math.min(len, most));
        }
    }

    private static byte[] readAll(InputStream in, int piece) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[piece];
        for (int n; (n = in.read(b, 0, piece)) >= 0; ) {
            out.write(b, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void smallReadsAreServedFromOneLargeReadBelow() throws IOException {
        byte[] data = Images.bytes(1024 * 1024, 3);
        Counting below = new Counting(new ByteArrayInputStream(data), Integer.MAX_VALUE);
        assertThat(readAll(new LargeReads(below, 256 * 1024), 8192)).isEqualTo(data);
        assertThat(below.reads).isEqualTo(4 + 1); // four full buffers, then the end
    }

    @Test
    void aReadBelowThatBringsLittleIsHandedOutAtOnceWithoutWaitingForMore() throws IOException {
        byte[] data = Images.bytes(10_000, 4);
        Counting below = new Counting(new ByteArrayInputStream(data), 100);
        LargeReads in = new LargeReads(below, 64 * 1024);
        assertThat(in.read(new byte[8192], 0, 8192)).isEqualTo(100);
        assertThat(below.reads).isEqualTo(1);
        assertThat(in.available()).isEqualTo(9_900);
    }

    @Test
    void aReadOfAtLeastAWholeBufferGoesStraightThrough() throws IOException {
        byte[] data = Images.bytes(100_000, 5);
        Counting below = new Counting(new ByteArrayInputStream(data), Integer.MAX_VALUE);
        LargeReads in = new LargeReads(below, 4096);
        byte[] b = new byte[100_000];
        assertThat(in.read(b, 0, b.length)).isEqualTo(100_000);
        assertThat(b).isEqualTo(data);
        assertThat(in.read(b, 0, 1)).isEqualTo(-1);
    }

    @Test
    void singleBytesSkipsAndTheEndReadLikeTheStreamBelow() throws IOException {
        LargeReads in = new LargeReads(new ByteArrayInputStream(new byte[] {1, 2, 3, (byte) 200}), 2);
        assertThat(in.read()).isEqualTo(1);
        assertThat(in.skip(1)).isEqualTo(1);
        assertThat(in.read()).isEqualTo(3);
        assertThat(in.read()).isEqualTo(200);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[1], 0, 1)).isEqualTo(-1);
        assertThat(in.read(new byte[1], 0, 0)).isZero();
    }

    @Test
    void aFailureBelowReachesTheReader() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> new LargeReads(failing, 1024).read(new byte[10], 0, 10))
                .isInstanceOf(IOException.class)
                .hasMessage("connection reset");
    }

    @Test
    void aSocketFromTheFactoryKeepsItsReadTimeout() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new LargeReadSockets().createSocket(server.getInetAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            accepted.getOutputStream().write(new byte[] {42});
            client.setSoTimeout(200);
            InputStream in = client.getInputStream();
            assertThat(in).isInstanceOf(LargeReads.class).isSameAs(client.getInputStream());
            assertThat(in.read(new byte[8192], 0, 8192)).isEqualTo(1);
            assertThatThrownBy(() -> in.read(new byte[8192], 0, 8192)).isInstanceOf(SocketTimeoutException.class);
        }
    }
}

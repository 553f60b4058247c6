package dev.berth.fetchers;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that asks the one below it for up to a whole buffer at once and hands it out in the small pieces
 * its reader asks for. OkHttp (through Okio) reads a socket 8 KiB at a time, about 131,000 system calls per GiB;
 * under it, this makes each of them a copy from memory and reads the kernel in chunks of up to {@code
 * bufferBytes}. One read below per empty buffer, so it never waits for more than the socket has; a read that asks
 * for at least a whole buffer goes straight through.
 */
final class LargeReads extends FilterInputStream {
    private final int bufferBytes;
    private byte[] buffer = new byte[0]; // allocated at the first read, so an idle connection costs nothing
    private int position;
    private int limit;

    LargeReads(InputStream in, int bufferBytes) {
        super(in);
        if (bufferBytes < 1) {
            throw new IllegalArgumentException("bufferBytes must be positive, got " + bufferBytes);
        }
        this.bufferBytes = bufferBytes;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if ((off | len) < 0 || len > b.length - off) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", length " + b.length);
        }
        if (len == 0) {
            return 0;
        }
        if (position == limit) {
            if (len >= bufferBytes) {
                return in.read(b, off, len);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (position == limit) {
            return in.skip(n);
        }
        int skipped = (int) Math.min(n, limit - position);
        position += skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (limit - position) + in.available();
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported, as markSupported says
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset is not supported");
    }

    /** One read below into the empty buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (buffer.length == 0) {
            buffer = new byte[bufferBytes];
        }
        position = 0;
        limit = 0;
        int n = in.read(buffer, 0, bufferBytes);
        if (n <= 0) {
            return false; // a stream that returns 0 for a non-empty request is at its end for our purposes
        }
        limit = n;
        return true;
    }
}

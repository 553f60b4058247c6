package dev.berth.fetchers;

import dev.berth.fetchers.fs.SafeFiles;
import dev.berth.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The hidden ".#NAME.partial" file a download writes to, hashed as it is written so the file is never read a
 * second time. Its ".meta" sidecar says what the bytes are; with a matching sidecar an existing partial is
 * re-hashed once and continued, otherwise it starts from zero. The file itself is a {@link PartialFile}.
 */
final class PartialDownload implements AutoCloseable {
    /** Writing the partial failed: a local disk problem, never retried as a network one. */
    static final class WriteFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final IOException io;

        WriteFailure(IOException cause) {
            super(cause.getMessage(), cause);
            this.io = cause;
        }

        IOException io() {
            return io;
        }
    }

    private static final long FLUSH_EVERY = 64L * 1024 * 1024;

    private final Path target;
    private final Path metaPath;
    private final PartialFile file;
    private final FileChannel channel;
    private final HashingRing hash;
    private final EarlyFlush flush;
    private PartialMeta meta;
    private long length;
    private long total = -1;

    private PartialDownload(Path target, PartialFile file, PartialMeta meta, int bufferBytes) {
        this.target = target;
        this.metaPath = PartialFile.metaPath(target);
        this.file = file;
        this.channel = file.channel();
        this.meta = meta;
        this.hash = new HashingRing(bufferBytes);
        this.flush = new EarlyFlush(channel, FLUSH_EVERY);
    }

    /**
     * Opens (and locks) the partial for {@code want}; empty when another download holds it. Only an earlier
     * partial that is a plain file of Berth's, with a sidecar of the same download, is continued.
     */
    static Optional<PartialDownload> open(Path target, PartialMeta want, int bufferBytes) throws IOException {
        Optional<PartialFile> file = PartialFile.open(target);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Optional<PartialMeta> stored =
                file.get().reused() ? PartialMeta.read(PartialFile.metaPath(target)) : Optional.empty();
        PartialDownload p = new PartialDownload(target, file.get(), want, bufferBytes);
        try {
            if (stored.isPresent()
                    && stored.get().sameDownload(want)
                    && stored.get().ifRange().isPresent()
                    && p.channel.size() > 0) {
                p.meta = stored.get();
                p.rehash();
            } else {
                p.restart();
            }
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
        return Optional.of(p);
    }

    long length() {
        return length;
    }

    /** Records the size the whole file will have, -1 when the server does not say. */
    void announce(long totalBytes) {
        this.total = totalBytes;
    }

    /** Bytes still to come, -1 when not known. */
    long remaining() {
        return total >= 0 ? Math.max(0, total - length) : -1;
    }

    Path path() {
        return file.path();
    }

    /** The If-Range value to resume with; empty when the bytes cannot be resumed. */
    Optional<String> ifRange() {
        return length > 0 ? meta.ifRange() : Optional.empty();
    }

    boolean resumable() {
        return ifRange().isPresent();
    }

    /** Drops the bytes so far: a new body follows from offset zero. */
    void restart() {
        hash.reset();
        try {
            channel.truncate(0);
            length = 0;
            meta = meta.withValidators(Optional.empty(), Optional.empty());
            SafeFiles.remove(metaPath);
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
    }

    /** Records the validators of the response whose body is being written; without any, nothing is kept. */
    void remember(Optional<String> etag, Optional<String> lastModified) {
        meta = meta.withValidators(etag, lastModified);
        try {
            if (meta.ifRange().isPresent()) {
                meta.write(metaPath);
            } else {
                SafeFiles.remove(metaPath);
            }
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
    }

    /** The block to fill next; it stays the same until it is passed to {@link #append}. */
    byte[] buffer() {
        return hash.block();
    }

    /** Writes the first {@code len} bytes of the block from {@link #buffer}; they are hashed in the background. */
    void append(byte[] block, int len) {
        try {
            ByteBuffer b = ByteBuffer.wrap(block, 0, len);
            while (b.hasRemaining()) {
                channel.write(b, length + b.position());
            }
        } catch (IOException e) {
            try {
                channel.truncate(length); // keep the file equal to what was hashed, so it can be resumed
            } catch (IOException ignored) {
                // the file is re-hashed or restarted on the next open anyway
            }
            throw new WriteFailure(e);
        }
        hash.hash(block, len);
        length += len;
        flush.written(length);
    }

    /** The sha256 of the bytes so far. */
    Sha256 sha256() {
        return hash.sha256();
    }

    /** The bytes written so far, read back through the locked file (never reopened by name); not closeable. */
    InputStream bytes() {
        long end = length;
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= end) {
                    return -1;
                }
                int want = (int) Math.min(len, end - position);
                int n = channel.read(ByteBuffer.wrap(b, off, want), position);
                if (n > 0) {
                    position += n;
                }
                return n;
            }
        };
    }

    /**
     * Syncs the bytes and renames them to the target atomically (see {@link PartialFile#moveTo}); returns the
     * target.
     */
    Path commit() throws IOException {
        hash.sha256();
        flush.await();
        hash.close();
        flush.close();
        file.moveTo(target);
        try {
            Files.deleteIfExists(metaPath);
        } catch (IOException e) {
            // the image is in place; a leftover sidecar only makes the next download of this name start over
        }
        return target;
    }

    /** Removes the partial and its sidecar. */
    void discard() {
        close();
        try {
            Files.deleteIfExists(file.path());
            Files.deleteIfExists(metaPath);
        } catch (IOException e) {
            // a leftover partial is restarted by the next download of this target
        }
    }

    /** Closes the file and keeps it, for a later attempt to resume. */
    @Override
    public void close() {
        hash.close();
        flush.close();
        file.close();
    }

    private void rehash() throws IOException {
        byte[] buf = hash.block();
        ByteBuffer b = ByteBuffer.wrap(buf);
        long pos = 0;
        while (true) {
            b.clear();
            int n = channel.read(b, pos);
            if (n < 0) {
                break;
            }
            hash.hashNow(buf, n);
            pos += n;
        }
        length = pos;
    }
}

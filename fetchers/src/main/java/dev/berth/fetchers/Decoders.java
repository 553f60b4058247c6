package dev.berth.fetchers;

import dev.berth.model.Compression;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.MemoryLimitException;
import org.tukaani.xz.XZInputStream;

/**
 * The decoders of published images, all pure Java (nothing native to unpack in the agent's hardened unit): the
 * JDK's gzip, XZ for Java and aircompressor's zstd. Each keeps its memory small and bounded, since the agent runs
 * in a 64 MiB heap: xz dictionaries up to {@value #XZ_MEMORY_KIB} KiB (xz -7 and lower; xz's default is -6),
 * zstd windows up to aircompressor's 8 MiB (zstd -19 and lower, without --long). Whatever a decoder finds wrong
 * surfaces as a {@link Corrupt}.
 */
final class Decoders {
    /** What XZ for Java may allocate to decode one stream, in KiB. */
    static final int XZ_MEMORY_KIB = 20 * 1024;

    private static final int GZIP_BUFFER = 64 * 1024;

    /** The compressed stream cannot be decoded: corrupt, truncated, or needing more memory than allowed. */
    static final class Corrupt extends IOException {
        private static final long serialVersionUID = 1L;

        Corrupt(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Decoders() {}

    /** The decompressed bytes of {@code in}; closing the result does not close {@code in}. */
    static InputStream open(Compression how, InputStream in) throws Corrupt {
        InputStream source = new FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the compressed source
            }
        };
        try {
            InputStream decoded = switch (how) {
                case GZIP -> new GZIPInputStream(source, GZIP_BUFFER);
                case XZ -> new XZInputStream(source, XZ_MEMORY_KIB);
                case ZSTD -> new ZstdInputStream(source);
                case NONE -> throw new IllegalArgumentException("nothing to decode for compression none");
            };
            return new Guarded(decoded, how);
        } catch (IOException | RuntimeException e) {
            throw corrupt(how, e);
        }
    }

    private static Corrupt corrupt(Compression how, Exception e) {
        if (e instanceof Corrupt c) {
            return c;
        }
        if (e instanceof MemoryLimitException m) {
            return new Corrupt(
                    "the xz stream needs " + m.getMemoryNeeded() / 1024 + " MiB to decompress, more than Berth's "
                            + XZ_MEMORY_KIB / 1024 + " MiB (compress it with xz -7 or lower; xz's default is -6)",
                    e);
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new Corrupt("it is not a valid " + how.word() + " stream (" + detail + ")", e);
    }

    /** Turns a decoder's runtime exceptions (aircompressor throws unchecked ones) into {@link Corrupt}. */
    private static final class Guarded extends FilterInputStream {
        private final Compression how;

        Guarded(InputStream decoded, Compression how) {
            super(decoded);
            this.how = how;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException | RuntimeException e) {
                throw corrupt(how, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw corrupt(how, e);
            }
        }
    }
}

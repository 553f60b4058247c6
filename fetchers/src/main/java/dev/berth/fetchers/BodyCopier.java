package dev.berth.fetchers;

import java.io.IOException;
import java.io.InputStream;

/**
 * Copies a body into a partial download in large blocks: reads fill the whole buffer first so each block costs
 * one write and one digest update. Bytes that arrived before a read failed are still written, so a resume asks
 * only for what is really missing. A body of unknown length is written only while the file system keeps its free
 * space floor.
 */
final class BodyCopier {
    /** The body went past what was announced: the bytes are not the file, so they were dropped. */
    static final class Overrun extends Exception {
        private static final long serialVersionUID = 1L;

        private final boolean pastLimit;

        Overrun(String message, boolean pastLimit) {
            super(message);
            this.pastLimit = pastLimit;
        }

        /** True when the size limit was hit, false when only the announced size was. */
        boolean pastLimit() {
            return pastLimit;
        }
    }

    /** Says whether a block may be written when the body's length is not known; throws when it may not. */
    @FunctionalInterface
    interface Room {
        /**
         * Claims room for the next block.
         *
         * @param written bytes in the partial download before this block
         */
        void claim(long bytes, long written);
    }

    private final long maxBytes;
    private final Room room;

    BodyCopier(long maxBytes, Room room) {
        this.maxBytes = maxBytes;
        this.room = room;
    }

    /**
     * @param total the size the whole file should have, -1 when unknown: then each block is claimed from
     *     {@link Room} before it is written
     * @throws IOException reading {@code in} failed, after what arrived was written
     * @throws Overrun more than {@code total} or the size limit arrived; nothing past the limit was written
     */
    void copy(InputStream in, PartialDownload partial, long total, ProgressListener progress)
            throws IOException, Overrun {
        while (true) {
            byte[] buffer = partial.buffer();
            int filled = 0;
            IOException failure = null;
            boolean end = false;
            while (filled < buffer.length) {
                int n;
                try {
                    n = in.read(buffer, filled, buffer.length - filled);
                } catch (IOException e) {
                    failure = e;
                    break;
                }
                if (n < 0) {
                    end = true;
                    break;
                }
                filled += n;
            }
            long after = partial.length() + filled;
            if (after > maxBytes) {
                throw new Overrun("the body grew past " + maxBytes + " bytes", true);
            }
            if (total >= 0 && after > total) {
                throw new Overrun("the server sent more than the " + total + " bytes it announced", false);
            }
            if (total < 0 && filled > 0) {
                room.claim(filled, partial.length());
            }
            partial.append(buffer, filled);
            progress.advanced(partial.length());
            if (failure != null) {
                throw failure;
            }
            if (end) {
                return;
            }
        }
    }
}

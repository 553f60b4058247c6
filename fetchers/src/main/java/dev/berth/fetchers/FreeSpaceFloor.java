package dev.berth.fetchers;

/**
 * How much of the pool's file system a download must leave free ({@code download.minFreeSpace}): a share of the
 * file system, or a number of bytes. A download never starts when its size and the floor do not fit, and a body
 * of unknown length stops before it would eat into the floor.
 */
public sealed interface FreeSpaceFloor permits FreeSpaceFloor.Percent, FreeSpaceFloor.Bytes {
    /** Five per cent of the file system, the default. */
    FreeSpaceFloor DEFAULT = new Percent(5);

    /** The bytes that must stay free on a file system of {@code totalBytes}. */
    long bytesOf(long totalBytes);

    /** The floor for a person: "5 % of the file system", "64.0 MiB". */
    String describe();

    static FreeSpaceFloor percent(int percent) {
        return new Percent(percent);
    }

    static FreeSpaceFloor bytes(long bytes) {
        return new Bytes(bytes);
    }

    /** A share of the file system's size, from 0 to 99 per cent. */
    record Percent(int percent) implements FreeSpaceFloor {
        public Percent {
            if (percent < 0 || percent > 99) {
                throw new IllegalArgumentException(
                        "a free space floor is 0 to 99 % of the file system, got " + percent + " %");
            }
        }

        @Override
        public long bytesOf(long totalBytes) {
            long total = Math.max(0, totalBytes);
            return total / 100 * percent + total % 100 * percent / 100; // no overflow, even for exabytes
        }

        @Override
        public String describe() {
            return percent + " % of the file system";
        }
    }

    /** A fixed number of bytes, whatever the file system's size. */
    record Bytes(long bytes) implements FreeSpaceFloor {
        public Bytes {
            if (bytes < 0) {
                throw new IllegalArgumentException("a free space floor cannot be negative, got " + bytes + " bytes");
            }
        }

        @Override
        public long bytesOf(long totalBytes) {
            return bytes;
        }

        @Override
        public String describe() {
            return ByteSize.human(bytes);
        }
    }
}

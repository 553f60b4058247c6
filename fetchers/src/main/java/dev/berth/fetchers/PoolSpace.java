package dev.berth.fetchers;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The free space rules of one download into the pool: a download of known size starts only when it and the floor
 * ({@code download.minFreeSpace}) fit; a body of unknown size stops before it would eat into the floor. Each
 * refusal is InsufficientSpace, which Berth retries, and names the image, the pool and the floor.
 */
final class PoolSpace {
    private static final String RETRY =
            "; free space there, then Berth retries (a partial download that can be" + " resumed is kept)";

    private final Path directory;
    private final FreeSpace freeSpace;
    private final FreeSpaceFloor floor;
    private final String subject;

    /** @param subject how messages start: "cannot fetch image hello 1.0 (...) from URL" */
    PoolSpace(Path directory, FreeSpace freeSpace, FreeSpaceFloor floor, String subject) {
        this.directory = directory;
        this.freeSpace = freeSpace;
        this.floor = floor;
        this.subject = subject;
    }

    /** Refuses to start when {@code remaining} bytes plus the floor do not fit. */
    void beforeStart(long remaining) {
        Optional<FreeSpace.Space> space = measure();
        if (space.isPresent()
                && space.get().usable() < remaining + floor.bytesOf(space.get().total())) {
            throw noSpace(remaining, 0, null);
        }
    }

    /** Refuses {@code bytes} more of a body of unknown length when they would leave less than the floor free. */
    void claim(long bytes, long written) {
        claim(bytes, written, "the server did not say how large the file is");
    }

    /** Refuses {@code bytes} more of a decompressed image when they would leave less than the floor free. */
    void claimDecoded(long bytes, long written) {
        claim(bytes, written, "the decompressed size is known only at the end");
    }

    private void claim(long bytes, long written, String why) {
        Optional<FreeSpace.Space> space = measure();
        if (space.isEmpty()) {
            return;
        }
        long floorBytes = floor.bytesOf(space.get().total());
        if (space.get().usable() - bytes < floorBytes) {
            throw new BerthException(
                    Reason.InsufficientSpace,
                    subject + ": stopped after " + ByteSize.human(written) + " (" + written + " bytes): " + why
                            + ", and writing on would leave less than the minimum"
                            + " free space of " + describe(floorBytes) + " in " + directory + ", where "
                            + free(space.get().usable()) + " is free (download.minFreeSpace)" + RETRY);
        }
    }

    /**
     * @param needed bytes still to write, -1 when the size is not known
     * @param written bytes already in the partial download
     * @param cause the write that failed, null when the check came first
     */
    BerthException noSpace(long needed, long written, @Nullable IOException cause) {
        Optional<FreeSpace.Space> space = measure();
        String need = needed >= 0
                ? ByteSize.human(needed) + " (" + needed + " bytes) more plus the minimum free space of "
                        + describe(
                                floor.bytesOf(space.map(FreeSpace.Space::total).orElse(0L)))
                : "more than the " + ByteSize.human(written) + " (" + written + " bytes) written so far (the server "
                        + "did not say how much)";
        return new BerthException(
                Reason.InsufficientSpace,
                subject + ": needs " + need + " in " + directory + " but only "
                        + free(space.map(FreeSpace.Space::usable).orElse(0L)) + " is free"
                        + (cause == null ? "" : " (" + cause.getMessage() + ")") + RETRY,
                cause);
    }

    private Optional<FreeSpace.Space> measure() {
        try {
            return Optional.of(freeSpace.measure(directory));
        } catch (IOException e) {
            return Optional.empty(); // the write itself will tell if space runs out
        }
    }

    private String describe(long floorBytes) {
        return floor instanceof FreeSpaceFloor.Percent
                ? floor.describe() + ", " + ByteSize.human(floorBytes)
                : floor.describe();
    }

    private static String free(long bytes) {
        return ByteSize.human(bytes) + " (" + bytes + " bytes)";
    }
}

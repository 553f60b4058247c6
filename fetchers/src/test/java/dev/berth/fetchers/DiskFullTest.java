package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads into a real 1 MiB tmpfs, so free space and "No space left on device" come from the kernel. */
class DiskFullTest {
    private static final int MIB = 1024 * 1024;
    private static final long TIB = 1024L * 1024 * MIB;
    private static final byte[] IMAGE = Images.bytes(3 * MIB, 7);
    private static final Sha256 SHA = Images.sha256(IMAGE);

    @TempDir
    Path mountPoint;

    private Tmpfs tmpfs;
    private final MisbehavingHttpServer server = MisbehavingHttpServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeEach
    void mount() throws Exception {
        tmpfs = Tmpfs.mount(mountPoint, "1m");
        server.put("/img.raw", Resource.of(IMAGE));
    }

    @AfterEach
    void unmount() throws Exception {
        server.close();
        tmpfs.close();
    }

    private BerthException fetchFails(DownloadPolicy policy, DownloadContext context) {
        try (UrlImageFetcher f = Fetchers.fetcher(mountPoint, policy, context)) {
            return catchThrowableOfType(
                    BerthException.class, () -> f.fetch(Images.spec(server.uri("/img.raw"), SHA), Images.TARGET));
        }
    }

    @Test
    void anAnnouncedLengthThatDoesNotFitIsRefusedBeforeWritingAndSaysHowMuchIsNeededAndFree() {
        BerthException e = fetchFails(Fetchers.policy(), Fetchers.context(sleeper));
        assertThat(e.reason()).isEqualTo(Reason.InsufficientSpace);
        assertThat(e.getMessage())
                .contains(
                        "image hello 1.0",
                        "needs 3.0 MiB (3145728 bytes) more plus the minimum free space of 0 B",
                        "in " + mountPoint,
                        "free space there, then Berth retries");
        Matcher free =
                Pattern.compile("only \\S+ \\S+ \\((\\d+) bytes\\) is free").matcher(e.getMessage());
        assertThat(free.find()).as("the message says how much is free").isTrue();
        assertThat(Long.parseLong(free.group(1))).isBetween(MIB - 64L * 1024, (long) MIB);
        Pool.assertEmpty(mountPoint);
        assertThat(sleeper.sleeps()).as("not retried within the fetch").isEmpty();
    }

    @Test
    void aBodyOfUnknownLengthStopsBeforeTheFileSystemFallsBelowTheFloorAndKeepsThePartial() throws Exception {
        server.always("/img.raw", Reply.chunked()); // no Content-Length, so only the floor stops it
        DownloadPolicy policy =
                Fetchers.policy().withBufferBytes(64 * 1024).withMinFreeSpace(FreeSpaceFloor.percent(50));

        BerthException e = fetchFails(policy, Fetchers.context(sleeper));

        assertThat(e.reason()).isEqualTo(Reason.InsufficientSpace);
        assertThat(e.getMessage())
                .contains(
                        "image hello 1.0",
                        "the server did not say how large the file is",
                        "minimum free space of 50 % of the file system, 512.0 KiB",
                        "in " + mountPoint,
                        "download.minFreeSpace",
                        "partial download that can be resumed is kept");
        assertThat(Files.getFileStore(mountPoint).getUsableSpace()).isGreaterThanOrEqualTo(MIB / 2);
        assertThat(Pool.names(mountPoint)).containsExactly(Images.PARTIAL, Images.META);
        assertThat(Files.size(mountPoint.resolve(Images.PARTIAL))).isPositive();
        assertThat(sleeper.sleeps()).as("not retried within the fetch").isEmpty();
    }

    @Test
    void runningOutOfSpaceMidWriteKeepsOnlyTheResumablePartialAndSaysWhatIsFree() throws Exception {
        server.always("/img.raw", Reply.chunked()); // no Content-Length, so the pre-check cannot know
        // Measured free space says plenty, as when another writer fills the disk during the download.
        DownloadContext misjudged = Fetchers.context(sleeper).withFreeSpace(dir -> new FreeSpace.Space(TIB, TIB));
        BerthException e = fetchFails(Fetchers.policy().withBufferBytes(64 * 1024), misjudged);
        assertThat(e.reason()).isEqualTo(Reason.InsufficientSpace);
        assertThat(e.getMessage())
                .contains(
                        "image hello 1.0",
                        "No space left on device",
                        "is free",
                        "written so far",
                        "partial download that can be resumed is kept");
        assertThat(Pool.names(mountPoint)).containsExactly(Images.PARTIAL, Images.META);
        long kept = Files.size(mountPoint.resolve(Images.PARTIAL));
        assertThat(kept).isPositive().isLessThan(MIB).isEqualTo(kept / (64 * 1024) * (64 * 1024));
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void aFloorInBytesCountsAgainstFreeSpace() {
        DownloadContext lots = Fetchers.context(sleeper).withFreeSpace(dir -> new FreeSpace.Space(100L * MIB, TIB));
        BerthException e = fetchFails(Fetchers.policy().withMinFreeSpace(FreeSpaceFloor.bytes(98L * MIB)), lots);
        assertThat(e.reason()).isEqualTo(Reason.InsufficientSpace);
        assertThat(e.getMessage())
                .contains(
                        "needs 3.0 MiB (3145728 bytes) more plus the minimum free space of 98.0 MiB",
                        "only 100.0 MiB (104857600 bytes) is free");
        Pool.assertEmpty(mountPoint);
    }

    @Test
    void theDefaultFloorIsFivePercentOfTheFileSystem() {
        DownloadContext almostFull =
                Fetchers.context(sleeper).withFreeSpace(dir -> new FreeSpace.Space(50L * MIB, 1000L * MIB));
        DownloadPolicy defaults =
                Fetchers.policy().withMinFreeSpace(DownloadPolicy.defaults().minFreeSpace());
        BerthException e = fetchFails(defaults, almostFull);
        assertThat(e.reason()).isEqualTo(Reason.InsufficientSpace);
        assertThat(e.getMessage())
                .contains(
                        "needs 3.0 MiB (3145728 bytes) more plus the minimum free space of 5 % of the file system,"
                                + " 50.0 MiB",
                        "only 50.0 MiB");
        Pool.assertEmpty(mountPoint);
    }
}

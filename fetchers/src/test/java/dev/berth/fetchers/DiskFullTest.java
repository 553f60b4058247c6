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

/** Downloads into a real 1 MiB tmpfs, so "No space left on device" comes from the kernel. */
class DiskFullTest {
    private static final int MIB = 1024 * 1024;
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
                        "needs 3.0 MiB (3145728 bytes) more plus a margin of 0 B",
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
    void runningOutOfSpaceMidWriteKeepsOnlyTheResumableParitalAndSaysWhatIsFree() throws Exception {
        server.always("/img.raw", Reply.chunked()); // no Content-Length, so the pre-check cannot know
        BerthException e = fetchFails(Fetchers.policy().withBufferBytes(64 * 1024), Fetchers.context(sleeper));
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
    void theSafetyMarginCountsAgainstFreeSpace() {
        DownloadContext lots = Fetchers.context(sleeper).withFreeSpace(dir -> 100L * MIB);
        BerthException e = fetchFails(Fetchers.policy().withFreeSpaceMargin(98L * MIB), lots);
        assertThat(e.reason()).isEqualTo(Reason.InsufficientSpace);
        assertThat(e.getMessage())
                .contains(
                        "needs 3.0 MiB (3145728 bytes) more plus a margin of 98.0 MiB",
                        "only 100.0 MiB (104857600 bytes) is free");
        Pool.assertEmpty(mountPoint);
    }
}

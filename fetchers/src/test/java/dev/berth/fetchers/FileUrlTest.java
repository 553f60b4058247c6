package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.BerthException;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.reconciler.port.FetchedFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUrlTest {
    private static final byte[] IMAGE = Images.bytes(300_000, 8);
    private static final Sha256 SHA = Images.sha256(IMAGE);

    @TempDir
    Path pool;

    @TempDir
    Path source;

    private final RecordingSleeper sleeper = new RecordingSleeper();

    private FetchedFile fetch(URI url, Sha256 sha, DownloadPolicy policy) {
        try (UrlImageFetcher f = Fetchers.fetcher(pool, policy, Fetchers.context(sleeper))) {
            return f.fetch(Images.spec(url, sha), Images.TARGET);
        }
    }

    @Test
    void aFileUrlIsCopiedVerifiedAndRenamedIntoPlace() throws Exception {
        Path file = Files.write(source.resolve("hello.raw"), IMAGE);
        FetchedFile fetched = fetch(file.toUri(), SHA, Fetchers.policy().withLimits(LocalPolicy.permissive(false)));
        assertThat(fetched.sha256()).isEqualTo(SHA);
        assertThat(fetched.size()).isEqualTo(IMAGE.length);
        Pool.assertOnlyImage(pool, IMAGE);
    }

    @Test
    void aCopiedFileWithTheWrongHashLeavesNothingAndTellsNeitherItsSizeNorItsSha256() throws Exception {
        Path file = Files.write(source.resolve("hello.raw"), IMAGE);
        Sha256 expected = Images.sha256(new byte[0]);
        BerthException e =
                catchThrowableOfType(BerthException.class, () -> fetch(file.toUri(), expected, Fetchers.policy()));
        assertThat(e.reason()).isEqualTo(Reason.VerificationFailed);
        assertThat(e.getMessage())
                .contains(file.toUri().toString(), expected.hex(), "does not have the sha256")
                .doesNotContain(SHA.hex(), SHA.shortHex(), String.valueOf(IMAGE.length), "KiB");
        Pool.assertEmpty(pool);
    }

    @Test
    void aCopiedFileIsReadableByRootAlone() throws Exception {
        Path file = Files.write(source.resolve("hello.raw"), IMAGE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        fetch(file.toUri(), SHA, Fetchers.policy());
        assertThat(Files.getPosixFilePermissions(pool.resolve(Images.TARGET)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aDirectoryIsNotAnImage() {
        BerthException e =
                catchThrowableOfType(BerthException.class, () -> fetch(source.toUri(), SHA, Fetchers.policy()));
        assertThat(e.reason()).isEqualTo(Reason.FetchRefused);
        assertThat(e.getMessage()).contains(source + " is not a regular file");
        Pool.assertEmpty(pool);
    }

    @Test
    void aMissingFileIsRefused() {
        URI missing = source.resolve("nope.raw").toUri();
        BerthException e = catchThrowableOfType(BerthException.class, () -> fetch(missing, SHA, Fetchers.policy()));
        assertThat(e.reason()).isEqualTo(Reason.FetchRefused);
        assertThat(e.getMessage())
                .contains("there is no regular file " + source.resolve("nope.raw"), "check the url in the manifest");
        Pool.assertEmpty(pool);
    }

    @Test
    void aFileLargerThanTheLimitIsRefused() throws Exception {
        Path file = Files.write(source.resolve("hello.raw"), IMAGE);
        BerthException e = catchThrowableOfType(
                BerthException.class,
                () -> fetch(file.toUri(), SHA, Fetchers.policy().withLimits(Fetchers.maxImageBytes(1000))));
        assertThat(e.reason()).isEqualTo(Reason.PolicyViolation);
        assertThat(e.getMessage()).contains("the file has 293.0 KiB (300000 bytes)", "limit of 1000 B");
        Pool.assertEmpty(pool);
    }

    @Test
    void aPartialOfAnEarlierHttpDownloadIsReplacedByTheCopy() throws Exception {
        Files.write(pool.resolve(Images.PARTIAL), new byte[] {9, 9, 9});
        Path file = Files.write(source.resolve("hello.raw"), IMAGE);
        fetch(file.toUri(), SHA, Fetchers.policy());
        Pool.assertOnlyImage(pool, IMAGE);
    }
}

package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.reconciler.port.Download;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an attacker who placed links in the pool would try: making Berth write, resume or read through a link to a
 * file outside the pool. Nothing outside changes, and what Berth leaves behind is its own, readable by root alone.
 */
class PoolLinksTest {
    private static final byte[] IMAGE = Images.bytes(200_000, 5);
    private static final Sha256 SHA = Images.sha256(IMAGE);
    private static final byte[] PRECIOUS = "root:secret:precious".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path pool;

    @TempDir
    Path elsewhere;

    private Path outside;
    private final MisbehavingHttpServer server = MisbehavingHttpServer.start();

    @BeforeEach
    void setUp() throws IOException {
        outside = Files.write(elsewhere.resolve("shadow"), PRECIOUS);
        server.put("/img.raw", Resource.of(IMAGE));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void fetch(Sha256 sha, String target) {
        try (UrlImageFetcher f = Fetchers.fetcher(
                pool, Fetchers.policy().withMaxAttempts(1), Fetchers.context(new RecordingSleeper()))) {
            f.fetch(new Download("hello 1.0", server.uri("/img.raw"), sha, "m.yaml:4"), target);
        }
    }

    private BerthException fetchFails(Sha256 sha, String target) {
        BerthException e = catchThrowableOfType(BerthException.class, () -> fetch(sha, target));
        assertThat(e).as("the fetch should fail").isNotNull();
        return e;
    }

    private void fetchMatchingOrNot(boolean matching) {
        if (matching) {
            fetch(SHA, Images.TARGET);
            assertThat(pool.resolve(Images.TARGET)).hasBinaryContent(IMAGE);
        } else {
            assertThat(fetchFails(Images.sha256(new byte[0]), Images.TARGET).reason())
                    .isEqualTo(Reason.VerificationFailed);
            Pool.assertEmpty(pool);
        }
    }

    private void assertOutsideUntouched() throws IOException {
        assertThat(outside).hasBinaryContent(PRECIOUS);
        assertThat(Files.getPosixFilePermissions(outside)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @ParameterizedTest(name = "when the sha256 matches: {0}")
    @ValueSource(booleans = {true, false})
    void aSymlinkAtThePartialNameIsRemovedAndNeverWrittenThrough(boolean matching) throws IOException {
        Files.createSymbolicLink(pool.resolve(Images.PARTIAL), outside);

        fetchMatchingOrNot(matching);

        assertOutsideUntouched();
        assertThat(Files.isSymbolicLink(pool.resolve(Images.TARGET))).isFalse();
    }

    @ParameterizedTest(name = "when the sha256 matches: {0}")
    @ValueSource(booleans = {true, false})
    void aHardLinkAtThePartialNameIsRemovedAndNeverWrittenThrough(boolean matching) throws IOException {
        Files.createLink(pool.resolve(Images.PARTIAL), outside);

        fetchMatchingOrNot(matching);

        assertOutsideUntouched();
    }

    @ParameterizedTest(name = "when the sha256 matches: {0}")
    @ValueSource(booleans = {true, false})
    void aSymlinkAtTheSidecarOfThePartialIsNeitherReadNorWrittenThrough(boolean matching) throws IOException {
        Files.createSymbolicLink(pool.resolve(Images.META), outside);

        fetchMatchingOrNot(matching);

        assertOutsideUntouched();
    }

    @Test
    void aSidecarWrittenForResumingReplacesTheSymlinkAtItsName() throws IOException {
        Files.createSymbolicLink(pool.resolve(Images.META), outside);
        server.enqueue("/img.raw", Reply.dropAfter(50_000));

        assertThat(fetchFails(SHA, Images.TARGET).reason()).isEqualTo(Reason.FetchFailed);

        assertOutsideUntouched();
        assertThat(Pool.names(pool)).containsExactly(Images.PARTIAL, Images.META);
        assertThat(Files.isSymbolicLink(pool.resolve(Images.META))).isFalse();
        assertThat(Files.getPosixFilePermissions(pool.resolve(Images.META)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aSymlinkedPartialWithAMatchingSidecarIsNotResumedFromTheFileItPointsTo() throws IOException {
        Files.write(outside, Arrays.copyOf(IMAGE, 100_000));
        Files.createSymbolicLink(pool.resolve(Images.PARTIAL), outside);
        Pool.writeMeta(
                pool, server.uri("/img.raw"), SHA, Resource.of(IMAGE).etag().orElseThrow());

        fetch(SHA, Images.TARGET);

        assertThat(server.requests("/img.raw").get(0).header("Range"))
                .as("no resume")
                .isEmpty();
        assertThat(outside).hasSize(100_000);
        Pool.assertOnlyImage(pool, IMAGE);
    }

    @Test
    void aSymlinkAtTheFinalNameIsReplacedByTheVerifiedFileAndItsTargetUntouched() throws IOException {
        Files.createSymbolicLink(pool.resolve(Images.TARGET), outside);

        fetch(SHA, Images.TARGET);

        assertOutsideUntouched();
        assertThat(Files.isSymbolicLink(pool.resolve(Images.TARGET))).isFalse();
        Pool.assertOnlyImage(pool, IMAGE);
    }

    @Test
    void aSymlinkAtAVeritySidecarsPartialIsRemovedAndNeverWrittenThrough() throws IOException {
        Files.createSymbolicLink(pool.resolve(".#hello_1.0.verity.partial"), outside);

        fetch(SHA, "hello_1.0.verity");

        assertOutsideUntouched();
        assertThat(Pool.names(pool)).containsExactly("hello_1.0.verity");
        assertThat(pool.resolve("hello_1.0.verity")).hasBinaryContent(IMAGE);
    }

    @Test
    void aPoolFileIsReadableByRootAloneAndAPoolDirectoryBerthCreatesIsListableByRootAlone() throws IOException {
        Path created = pool.resolve("portables");
        try (UrlImageFetcher f =
                Fetchers.fetcher(created, Fetchers.policy(), Fetchers.context(new RecordingSleeper()))) {
            f.fetch(new Download("hello 1.0", server.uri("/img.raw"), SHA, "m.yaml:4"), Images.TARGET);
        }

        assertThat(Files.getPosixFilePermissions(created.resolve(Images.TARGET)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(created)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aPartialReadableByOthersIsNotResumedButStartedAfresh() throws IOException {
        server.enqueue("/img.raw", Reply.dropAfter(100_000));
        assertThat(fetchFails(SHA, Images.TARGET).reason()).isEqualTo(Reason.FetchFailed);
        Files.setPosixFilePermissions(pool.resolve(Images.PARTIAL), PosixFilePermissions.fromString("rw-r--r--"));

        fetch(SHA, Images.TARGET);

        assertThat(server.requests("/img.raw").get(1).header("Range")).isEmpty();
        Pool.assertOnlyImage(pool, IMAGE);
        assertThat(Files.getPosixFilePermissions(pool.resolve(Images.TARGET)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}

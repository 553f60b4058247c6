package dev.berth.fetchers.sums;

import static dev.berth.fetchers.sums.Release.FILE;
import static dev.berth.fetchers.sums.Release.IMAGE;
import static dev.berth.fetchers.sums.Release.NEXT_SHA;
import static dev.berth.fetchers.sums.Release.SHA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.pgp.TestKey;
import dev.berth.model.BerthException;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SHA256SUMS on a local disk (file://) follows the same rules, even with plain http not allowed. */
class SumsFileUrlTest {
    @TempDir
    Path tmp;

    Path release;
    SignedSumsResolver resolver;

    @BeforeEach
    void setUp() throws Exception {
        release = Files.createDirectory(tmp.resolve("release"));
        Path trusted = TestKey.writeTrusted(tmp.resolve("trusted.asc"), Keys.RELEASE);
        resolver = Release.resolver(trusted, Release.policy().withLimits(LocalPolicy.permissive(false)));
    }

    @AfterEach
    void close() {
        resolver.close();
    }

    private Path sums() {
        return release.resolve("SHA256SUMS");
    }

    private void publish(byte[] sums, byte[] signature) throws Exception {
        Files.write(sums(), sums);
        Files.write(release.resolve("SHA256SUMS.gpg"), signature);
    }

    private BerthException refused(Reason reason) {
        BerthException e =
                catchThrowableOfType(BerthException.class, () -> resolver.sha256(sums().toUri(), FILE, IMAGE));
        assertThat(e).as("the lookup should fail").isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        return e;
    }

    @Test
    void aSignedListOnDiskIsBelieved() throws Exception {
        byte[] sums = Release.sums(SHA);
        publish(sums, Keys.RELEASE.sign(sums));

        assertThat(resolver.sha256(sums().toUri(), FILE, IMAGE)).isEqualTo(SHA);
    }

    @Test
    void aListOnDiskWithoutSignatureIsUnsigned() throws Exception {
        Files.write(sums(), Release.sums(SHA));

        BerthException e = refused(Reason.SignatureInvalid);

        assertThat(e.getMessage()).contains("it is unsigned", "SHA256SUMS.gpg: there is no such file");
    }

    @Test
    void aMissingListOnDiskIsRefused() {
        BerthException e = refused(Reason.FetchRefused);

        assertThat(e.getMessage()).contains("cannot fetch SHA256SUMS " + sums().toUri() + ": there is no such file");
    }

    @Test
    void aListEditedOnDiskAfterItWasVerifiedIsCheckedAgainAndRefused() throws Exception {
        byte[] sums = Release.sums(SHA);
        publish(sums, Keys.RELEASE.signBinary(sums));
        assertThat(resolver.sha256(sums().toUri(), FILE, IMAGE)).isEqualTo(SHA);

        Files.write(sums(), Release.sums(NEXT_SHA));

        assertThat(refused(Reason.SignatureInvalid).getMessage()).contains("bad signature");
    }

    @Test
    void aListReplacedTogetherWithItsSignatureIsBelievedAgain() throws Exception {
        byte[] sums = Release.sums(SHA);
        publish(sums, Keys.RELEASE.signBinary(sums));
        resolver.sha256(sums().toUri(), FILE, IMAGE);
        byte[] next = Release.sums(NEXT_SHA);
        publish(next, Keys.RELEASE.signBinary(next));

        assertThat(resolver.sha256(sums().toUri(), FILE, IMAGE)).isEqualTo(NEXT_SHA);
    }
}

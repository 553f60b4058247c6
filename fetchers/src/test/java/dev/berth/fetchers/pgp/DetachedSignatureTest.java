package dev.berth.fetchers.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.pgp.Verdict.Outcome;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust rules every signed thing shares, checked on detached signatures over plain bytes. */
class DetachedSignatureTest {
    private static final byte[] DATA = "0123  hello_1.0.raw\n".getBytes(StandardCharsets.UTF_8);

    static TestKey release;
    static TestKey subkeyed;
    static TestKey stranger;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generateKeys() {
        release = TestKey.generate("Release <release@example.org>", false);
        subkeyed = TestKey.generate("Builder <builder@example.org>", true);
        stranger = TestKey.generate("Stranger <who@example.org>", false);
    }

    private TrustedKeys trusting(TestKey... keys) throws IOException {
        return TrustedKeys.read(TestKey.writeTrusted(tmp.resolve("trusted.asc"), keys));
    }

    @Test
    void aBinarySignatureByATrustedPrimaryKeyPassesWithItsFingerprint() throws IOException {
        Verdict verdict = DetachedSignature.check(trusting(release), release.signBinary(DATA), DATA);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.key()).isEqualTo(release.fingerprint());
    }

    @Test
    void anArmoredSignaturePassesLikeABinaryOne() throws IOException {
        byte[] armored = release.sign(DATA);
        assertThat(new String(armored, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PGP SIGNATURE-----");

        assertThat(DetachedSignature.check(trusting(release), armored, DATA).passed())
                .isTrue();
    }

    @Test
    void aSignatureByABoundSigningSubkeyPassesWithTheSubkeysFingerprint() throws IOException {
        Verdict verdict = DetachedSignature.check(trusting(subkeyed), subkeyed.signBinary(DATA), DATA);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.key()).isEqualTo(subkeyed.signingFingerprint()).isNotEqualTo(subkeyed.fingerprint());
    }

    @Test
    void aSignatureByAKeyOutsideTheFileNamesThatKey() throws IOException {
        Verdict verdict = DetachedSignature.check(trusting(release), stranger.signBinary(DATA), DATA);

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN_KEY);
        assertThat(verdict.key()).isEqualTo(stranger.fingerprint());
        assertThat(verdict.detail()).contains("signed by unknown key " + stranger.fingerprint());
    }

    @Test
    void oneChangedByteMakesItABadSignature() throws IOException {
        byte[] changed = DATA.clone();
        changed[0] ^= 0x01;

        Verdict verdict = DetachedSignature.check(trusting(release), release.signBinary(DATA), changed);

        assertThat(verdict.outcome()).isEqualTo(Outcome.BAD);
        assertThat(verdict.detail()).contains("does not match its content (bad signature)");
    }

    @Test
    void bytesThatAreNoSignatureAreUnreadable() throws IOException {
        Verdict verdict = DetachedSignature.check(
                trusting(release), "<html>not found</html>".getBytes(StandardCharsets.US_ASCII), DATA);

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNREADABLE);
        assertThat(verdict.key()).isEmpty();
    }

    @Test
    void aRevokedKeyIsRefusedThoughItsSignatureMatches() throws IOException {
        TestKey revoked = release.revoked();

        Verdict verdict = DetachedSignature.check(trusting(revoked), revoked.signBinary(DATA), DATA);

        assertThat(verdict.outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(verdict.detail()).contains(release.fingerprint() + ", which is revoked");
    }

    @Test
    void aSubkeyOfARevokedPrimaryKeyIsRefused() throws IOException {
        TestKey revoked = subkeyed.revoked();

        Verdict verdict = DetachedSignature.check(trusting(revoked), revoked.signBinary(DATA), DATA);

        assertThat(verdict.outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(verdict.detail()).contains(subkeyed.signingFingerprint() + ", whose primary key is revoked");
    }

    @Test
    void aKeyThatHadExpiredWhenItSignedIsRefused() throws IOException {
        TestKey expired = TestKey.expired("Old <old@example.org>");

        Verdict verdict = DetachedSignature.check(trusting(expired), expired.signBinary(DATA), DATA);

        assertThat(verdict.outcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(verdict.detail()).contains(expired.fingerprint() + ", which had expired when it signed");
    }

    @Test
    void oneTrustedSignatureAmongSeveralIsEnough() throws IOException {
        byte[] strangerFirst = concat(stranger.signBinary(DATA), release.signBinary(DATA));

        Verdict verdict = DetachedSignature.check(trusting(release), strangerFirst, DATA);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.key()).isEqualTo(release.fingerprint());
    }

    @Test
    void aKeysFileWithoutKeysIsRefusedNamingTheFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("empty.asc"), "not a key\n");

        BerthException e = catchThrowableOfType(BerthException.class, () -> TrustedKeys.read(file));

        assertThat(e.reason()).isEqualTo(Reason.SignatureInvalid);
        assertThat(e.getMessage()).contains("trusted keys file " + file, "holds no OpenPGP public key");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}

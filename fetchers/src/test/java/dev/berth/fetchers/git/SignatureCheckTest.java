package dev.berth.fetchers.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.fetchers.pgp.TestKey;
import dev.berth.fetchers.pgp.TrustedKeys;
import dev.berth.fetchers.pgp.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks against a commit signed by the real gpg and git command-line tools (an Ed25519 key; made once and kept
 * in the test resources), so the payload git signs and the signature gpg writes are what Berth verifies.
 */
class SignatureCheckTest {
    @TempDir
    Path tmp;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SignatureCheckTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private TrustedKeys gpgFixtureKey() throws IOException {
        return TrustedKeys.read(Files.write(tmp.resolve("key.asc"), resource("gpg-fixture-key.asc")));
    }

    @Test
    void aCommitSignedByGitAndGpgVerifiesWithTheSignersFingerprint() throws IOException {
        String fingerprint = new String(resource("gpg-fixture-key.fingerprint"), StandardCharsets.US_ASCII).strip();

        Verdict verdict = SignatureCheck.check(gpgFixtureKey(), resource("gpg-signed-commit.txt"));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.detail()).isEqualTo(fingerprint);
    }

    @Test
    void changingOneByteOfTheSignedCommitBreaksTheSignature() throws IOException {
        byte[] commit = resource("gpg-signed-commit.txt");
        String text = new String(commit, StandardCharsets.ISO_8859_1).replace("signed by gpg", "signed by gpG");

        Verdict verdict = SignatureCheck.check(gpgFixtureKey(), text.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.detail()).contains("does not match its content (bad signature)");
    }

    @Test
    void theGpgSignerIsUnknownToAnAllowListWithoutItsKey() throws IOException {
        TestKey other = TestKey.generate("Other <other@example.org>", false);
        TrustedKeys keys = TrustedKeys.read(TestKey.writeTrusted(tmp.resolve("other.asc"), other));

        Verdict verdict = SignatureCheck.check(keys, resource("gpg-signed-commit.txt"));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.detail())
                .contains("unknown key "
                        + new String(resource("gpg-fixture-key.fingerprint"), StandardCharsets.US_ASCII).strip());
    }

    @Test
    void theSignedPayloadIsTheCommitWithoutItsSignatureHeader() throws IOException {
        CommitSignature split =
                CommitSignature.of(resource("gpg-signed-commit.txt")).orElseThrow();

        String payload = new String(split.payload(), StandardCharsets.ISO_8859_1);
        assertThat(payload).doesNotContain("gpgsig").doesNotContain("PGP SIGNATURE");
        assertThat(payload).startsWith("tree ").endsWith("\n\nsigned by gpg\n");
        assertThat(split.isOpenPgp()).isTrue();
    }

    @Test
    void aCommitWithoutSignatureHeaderHasNoSignature() {
        byte[] commit = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor a <a@b> 1 +0000\n\nmessage\n"
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(CommitSignature.of(commit)).isEmpty();
    }
}

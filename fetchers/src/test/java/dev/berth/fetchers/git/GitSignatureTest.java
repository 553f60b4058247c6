package dev.berth.fetchers.git;

import static dev.berth.fetchers.git.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.TestHosts;
import dev.berth.fetchers.pgp.TestKey;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.reconciler.port.SourceSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only commits signed by a key in the trusted keys file are applied; the last one that passed is kept. */
class GitSignatureTest {
    static TestKey operator;
    static TestKey release;
    static TestKey stranger;

    @TempDir
    Path tmp;

    TestRepo origin;
    GitSourceOptions options;

    @BeforeAll
    static void generateKeys() {
        operator = TestKey.generate("Operator <ops@example.org>", false);
        release = TestKey.generate("Release <release@example.org>", true);
        stranger = TestKey.generate("Stranger <who@example.org>", false);
    }

    @BeforeEach
    void createOrigin() throws Exception {
        origin = TestRepo.create(tmp.resolve("origin"));
        Path trusted = TestKey.writeTrusted(tmp.resolve("trusted.asc"), operator, release);
        options = GitSourceOptions.of(origin.fileUrl(), tmp.resolve("state"))
                .withPath("hosts.yaml")
                .withTrustedKeys(trusted);
    }

    @AfterEach
    void close() {
        origin.close();
    }

    private RevCommit commit(String version, org.eclipse.jgit.lib.Signer signer) throws Exception {
        return origin.commit(Map.of("hosts.yaml", manifest(version, "web")), signer);
    }

    private static String shortId(RevCommit commit) {
        return commit.name().substring(0, 12);
    }

    private BerthException refusedWithoutFallback() {
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN)) {
            BerthException e = catchThrowableOfType(BerthException.class, source::read);
            assertThat(e).as("the read should be refused").isNotNull();
            assertThat(e.reason()).isEqualTo(Reason.SignatureInvalid);
            return e;
        }
    }

    @Test
    void aCommitSignedByATrustedPrimaryKeyIsApplied() throws Exception {
        RevCommit signed = commit("1.0", CommitSigners.by(operator));

        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN)) {
            SourceSnapshot snapshot = source.read();

            assertThat(snapshot.revision()).isEqualTo(signed.name());
            assertThat(snapshot.warning()).isEmpty();
        }
    }

    @Test
    void aCommitSignedByASigningSubkeyOfATrustedKeyIsApplied() throws Exception {
        assertThat(release.signingFingerprint()).isNotEqualTo(release.fingerprint());
        RevCommit signed = commit("1.0", CommitSigners.by(release));

        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN)) {
            assertThat(source.read().revision()).isEqualTo(signed.name());
        }
    }

    @Test
    void anUnsignedCommitIsRefusedNamingTheCommit() throws Exception {
        RevCommit unsigned = commit("1.0", null);

        BerthException e = refusedWithoutFallback();

        assertThat(e.getMessage())
                .contains("commit " + shortId(unsigned))
                .contains("it is not signed")
                .contains("no earlier commit passed the check")
                .contains(tmp.resolve("trusted.asc").toString());
    }

    @Test
    void aCommitSignedByAKeyNotInTheTrustedFileIsRefusedNamingThatKey() throws Exception {
        RevCommit foreign = commit("1.0", CommitSigners.by(stranger));

        BerthException e = refusedWithoutFallback();

        assertThat(e.getMessage())
                .contains("commit " + shortId(foreign))
                .contains("signed by unknown key " + stranger.fingerprint());
    }

    @Test
    void aTamperedSignatureIsRefusedAsABadSignature() throws Exception {
        RevCommit tampered = commit("1.0", CommitSigners.making(data -> {
            byte[] encoded = operator.signBinary(data);
            encoded[encoded.length - 3] ^= 0x01;
            return TestKey.armor(encoded);
        }));

        BerthException e = refusedWithoutFallback();

        assertThat(e.getMessage()).contains("commit " + shortId(tampered)).contains("bad signature");
    }

    @Test
    void aSignatureOverOtherContentIsRefusedAsABadSignature() throws Exception {
        RevCommit forged = commit("1.0", CommitSigners.making(data -> {
            byte[] other = Arrays.copyOf(data, data.length + 1);
            other[data.length] = '\n';
            return operator.sign(other);
        }));

        BerthException e = refusedWithoutFallback();

        assertThat(e.getMessage())
                .contains("commit " + shortId(forged))
                .contains("signature by " + operator.fingerprint() + " does not match its content (bad signature)");
    }

    @Test
    void anUnreadableSignatureIsRefusedAsABadSignature() throws Exception {
        commit("1.0", CommitSigners.making(data -> """
                        -----BEGIN PGP SIGNATURE-----

                        not base64 at all!
                        -----END PGP SIGNATURE-----
                        """.getBytes(StandardCharsets.US_ASCII)));

        assertThat(refusedWithoutFallback().getMessage()).contains("bad signature");
    }

    @Test
    void afterARefusalTheLastVerifiedRevisionKeepsBeingServedWithAWarning() throws Exception {
        RevCommit good = commit("1.0", CommitSigners.by(operator));
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN)) {
            source.read();
            RevCommit unsigned = commit("2.0", null);

            SourceSnapshot snapshot = source.read();

            assertThat(snapshot.revision()).isEqualTo(good.name());
            assertThat(snapshot.manifest().images().get(0).version()).isEqualTo("1.0");
            assertThat(snapshot.stale()).isTrue();
            assertThat(snapshot.notice(Reason.SignatureInvalid).orElseThrow().message())
                    .startsWith("commit " + shortId(unsigned) + " (the default branch) refused")
                    .contains("it is not signed")
                    .contains("still serving the last verified revision " + shortId(good));

            RevCommit fixed = commit("3.0", CommitSigners.by(release));
            SourceSnapshot recovered = source.read();
            assertThat(recovered.revision()).isEqualTo(fixed.name());
            assertThat(recovered.warning()).isEmpty();
        }
    }

    @Test
    void theLastVerifiedRevisionSurvivesARestart() throws Exception {
        RevCommit good = commit("1.0", CommitSigners.by(operator));
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN)) {
            source.read();
        }
        commit("2.0", CommitSigners.by(stranger));

        try (GitManifestSource restarted = new GitManifestSource(options, TestHosts.PLAIN)) {
            SourceSnapshot snapshot = restarted.read();

            assertThat(snapshot.revision()).isEqualTo(good.name());
            assertThat(snapshot.warning().orElseThrow()).contains("signed by unknown key " + stranger.fingerprint());
        }
    }

    @Test
    void aRefusedCommitInTheCacheOfAnUnreachableRemoteStillFallsBackToTheVerifiedOne() throws Exception {
        RevCommit good = commit("1.0", CommitSigners.by(operator));
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN)) {
            source.read();
        }
        RevCommit unsigned = commit("2.0", null);
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN)) {
            source.read();
        }
        origin.close();
        org.eclipse.jgit.util.FileUtils.delete(origin.dir().toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);

        try (GitManifestSource restarted = new GitManifestSource(options, TestHosts.PLAIN)) {
            SourceSnapshot snapshot = restarted.read();

            assertThat(snapshot.revision()).isEqualTo(good.name());
            assertThat(snapshot.notices())
                    .extracting(SourceSnapshot.Notice::reason)
                    .containsExactly(Reason.SourceUnavailable, Reason.SignatureInvalid);
            assertThat(snapshot.warning().orElseThrow())
                    .contains("unreachable")
                    .contains("using cached revision " + shortId(unsigned))
                    .contains("commit " + shortId(unsigned) + " (the default branch) refused")
                    .contains("still serving the last verified revision " + shortId(good));
        }
    }

    @Test
    void aKeyRemovedFromTheTrustedFileNoLongerVouchesForItsCommits() throws Exception {
        commit("1.0", CommitSigners.by(release));
        try (GitManifestSource source = new GitManifestSource(options, TestHosts.PLAIN)) {
            source.read();
            TestKey.writeTrusted(options.trustedKeys().orElseThrow(), operator);
            Files.setLastModifiedTime(
                    options.trustedKeys().orElseThrow(),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));

            BerthException e = catchThrowableOfType(BerthException.class, source::read);

            assertThat(e.reason()).isEqualTo(Reason.SignatureInvalid);
            assertThat(e.getMessage()).contains("signed by unknown key " + release.signingFingerprint());
        }
    }

    @Test
    void withoutTrustedKeysUnsignedCommitsAreApplied() throws Exception {
        RevCommit unsigned = commit("1.0", null);
        GitSourceOptions unchecked =
                GitSourceOptions.of(origin.fileUrl(), tmp.resolve("state")).withPath("hosts.yaml");

        try (GitManifestSource source = new GitManifestSource(unchecked, TestHosts.PLAIN)) {
            assertThat(source.read().revision()).isEqualTo(unsigned.name());
        }
    }

    @Test
    void aTrustedKeysFileWithoutKeysIsRefusedNamingTheFile() throws Exception {
        commit("1.0", CommitSigners.by(operator));
        Files.writeString(options.trustedKeys().orElseThrow(), "not a key\n");

        BerthException e = refusedWithoutFallback();

        assertThat(e.getMessage())
                .contains("trusted keys file " + tmp.resolve("trusted.asc"))
                .contains("no OpenPGP");
    }
}

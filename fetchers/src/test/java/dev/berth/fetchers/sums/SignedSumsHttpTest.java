package dev.berth.fetchers.sums;

import static dev.berth.fetchers.sums.Release.FILE;
import static dev.berth.fetchers.sums.Release.IMAGE;
import static dev.berth.fetchers.sums.Release.SHA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.DownloadPolicy;
import dev.berth.fetchers.pgp.TestKey;
import dev.berth.model.BerthException;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.Resource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hash is taken from a SHA256SUMS over http only once its detached signature checked out. */
class SignedSumsHttpTest {
    private static final String SUMS = "/rel/SHA256SUMS";
    private static final String GPG = "/rel/SHA256SUMS.gpg";

    @TempDir
    Path tmp;

    MisbehavingHttpServer server;
    Path trusted;

    @BeforeEach
    void start() throws Exception {
        server = MisbehavingHttpServer.start();
        trusted = TestKey.writeTrusted(tmp.resolve("trusted.asc"), Keys.RELEASE, Keys.BUILDER);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void publish(byte[] sums, byte[] signature) {
        server.put(SUMS, Resource.of(sums));
        server.put(GPG, Resource.of(signature));
    }

    private Sha256 resolve(URI sums, String file, DownloadPolicy policy) {
        try (SignedSumsResolver resolver = Release.resolver(trusted, policy)) {
            return resolver.sha256(sums, file, IMAGE);
        }
    }

    private BerthException refused(Reason reason, URI sums, String file, DownloadPolicy policy) {
        BerthException e = catchThrowableOfType(BerthException.class, () -> resolve(sums, file, policy));
        assertThat(e).as("the lookup should fail").isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).contains("image " + IMAGE);
        return e;
    }

    private BerthException refused(Reason reason) {
        return refused(reason, server.uri(SUMS), FILE, Release.policy());
    }

    @Test
    void aListWithABinarySignatureByATrustedKeyGivesTheFilesSha256() {
        byte[] sums = Release.sums(SHA);
        publish(sums, Keys.RELEASE.signBinary(sums));

        assertThat(resolve(server.uri(SUMS), FILE, Release.policy())).isEqualTo(SHA);
        assertThat(server.requests(GPG)).hasSize(1);
    }

    @Test
    void anArmoredSignatureIsBelievedToo() {
        byte[] sums = Release.sums(SHA);
        publish(sums, Keys.RELEASE.sign(sums));

        assertThat(resolve(server.uri(SUMS), FILE, Release.policy())).isEqualTo(SHA);
    }

    @Test
    void aSignatureByATrustedSigningSubkeyIsBelieved() {
        byte[] sums = Release.sums(SHA);
        publish(sums, Keys.BUILDER.signBinary(sums));

        assertThat(resolve(server.uri(SUMS), "hello_1.0.tar.gz", Release.policy()))
                .isEqualTo(Release.OTHER_SHA);
    }

    @Test
    void aListWithoutSignatureIsRefusedAsUnsigned() {
        server.put(SUMS, Resource.of(Release.sums(SHA)));

        BerthException e = refused(Reason.SignatureInvalid);

        assertThat(e.getMessage())
                .contains("SHA256SUMS " + server.uri(SUMS) + " refused: it is unsigned")
                .contains(server.uri(GPG) + ": the server answered 404")
                .contains("gpg --detach-sign");
    }

    @Test
    void aListSignedByAnUnknownKeyIsRefusedNamingTheKeyAndTheKeysFile() {
        byte[] sums = Release.sums(SHA);
        publish(sums, Keys.STRANGER.signBinary(sums));

        BerthException e = refused(Reason.SignatureInvalid);

        assertThat(e.getMessage())
                .contains("signed by unknown key " + Keys.STRANGER.fingerprint())
                .contains(trusted.toString())
                .contains("gpg --armor --export " + Keys.STRANGER.fingerprint());
    }

    @Test
    void aListChangedAfterItWasSignedIsRefusedAsABadSignature() {
        byte[] signed = Release.sums(SHA);
        publish(Release.sums(Release.NEXT_SHA), Keys.RELEASE.signBinary(signed));

        BerthException e = refused(Reason.SignatureInvalid);

        assertThat(e.getMessage())
                .contains("signature by " + Keys.RELEASE.fingerprint() + " does not match its content (bad signature)")
                .contains("changed after it was signed");
    }

    @Test
    void anUnreadableSignatureIsRefused() {
        publish(Release.sums(SHA), "<html>oops</html>".getBytes(StandardCharsets.US_ASCII));

        BerthException e = refused(Reason.SignatureInvalid);

        assertThat(e.getMessage()).contains("its signature " + server.uri(GPG) + " is unreadable");
    }

    @Test
    void aFileTheListDoesNotNameIsRefused() {
        byte[] sums = Release.sums(SHA);
        publish(sums, Keys.RELEASE.signBinary(sums));

        BerthException e = refused(Reason.VerificationFailed, server.uri(SUMS), "hello_2.0.raw", Release.policy());

        assertThat(e.getMessage()).contains("SHA256SUMS " + server.uri(SUMS) + " does not list hello_2.0.raw");
    }

    @Test
    void aSignedListWithAMalformedLineIsRefusedNamingTheLine() {
        byte[] sums = Release.text(SHA.hex() + "  " + FILE, "", "not a line");
        publish(sums, Keys.RELEASE.signBinary(sums));

        BerthException e = refused(Reason.VerificationFailed);

        assertThat(e.getMessage()).contains("SHA256SUMS " + server.uri(SUMS) + ": line 3 is not");
    }

    @Test
    void aSignedListNamingAFileTwiceWithDifferentHashesIsRefused() {
        byte[] sums = Release.text(SHA.hex() + "  " + FILE, Release.NEXT_SHA.hex() + "  " + FILE);
        publish(sums, Keys.RELEASE.signBinary(sums));

        BerthException e = refused(Reason.VerificationFailed);

        assertThat(e.getMessage()).contains("line 2 lists " + FILE + " again with another sha256");
    }

    @Test
    void withoutTrustedKeysEveryLookupIsRefusedBeforeAnythingIsDownloaded() {
        byte[] sums = Release.sums(SHA);
        publish(sums, Keys.RELEASE.signBinary(sums));

        BerthException e;
        try (SignedSumsResolver resolver =
                new SignedSumsResolver(Optional.empty(), Release.policy(), Release.context())) {
            e = catchThrowableOfType(BerthException.class, () -> resolver.sha256(server.uri(SUMS), FILE, IMAGE));
        }

        assertThat(e.reason()).isEqualTo(Reason.SignatureInvalid);
        assertThat(e.getMessage())
                .contains("image " + IMAGE)
                .contains("sums: needs --trusted-keys FILE with the key that signs SHA256SUMS");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void plainHttpIsRefusedWithoutAllowHttp() {
        byte[] sums = Release.sums(SHA);
        publish(sums, Keys.RELEASE.signBinary(sums));

        BerthException e = refused(
                Reason.FetchRefused,
                server.uri(SUMS),
                FILE,
                Release.policy().withLimits(LocalPolicy.permissive(false)));

        assertThat(e.getMessage())
                .contains("plain http is not allowed", "--allow-http", "the signature still protects");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aMissingListIsRefusedAndItsSignatureNotAskedFor() {
        BerthException e = refused(Reason.FetchRefused);

        assertThat(e.getMessage())
                .contains("cannot fetch SHA256SUMS " + server.uri(SUMS) + ": the server answered 404;");
        assertThat(server.requests(GPG)).isEmpty();
    }

    @Test
    void aServerErrorIsAFailureWorthRetrying() {
        server.always(SUMS, Reply.status(503));

        BerthException e = refused(Reason.FetchFailed);

        assertThat(e.getMessage()).contains("the server answered 503", "tries again on its next pass");
    }

    @Test
    void aServerErrorForTheSignatureIsAFailureWorthRetryingNotARefusal() {
        server.put(SUMS, Resource.of(Release.sums(SHA)));
        server.always(GPG, Reply.status(500));

        BerthException e = refused(Reason.FetchFailed);

        assertThat(e.getMessage())
                .contains("cannot fetch the signature " + server.uri(GPG) + " of SHA256SUMS " + server.uri(SUMS))
                .contains(": the server answered 500;");
    }

    @Test
    void aListLargerThanOneMebibyteIsRefused() {
        byte[] huge = new byte[1024 * 1024 + 1];
        publish(huge, Keys.RELEASE.signBinary(huge));

        BerthException e = refused(Reason.FetchRefused);

        assertThat(e.getMessage()).contains("more than the limit of 1 MiB");
        assertThat(server.requests(GPG)).isEmpty();
    }

    @Test
    void redirectsAreFollowedForTheListAndItsSignature() {
        byte[] sums = Release.sums(SHA);
        publish(sums, Keys.RELEASE.signBinary(sums));
        server.always("/latest/SHA256SUMS", Reply.redirect(302, SUMS));
        server.always("/latest/SHA256SUMS.gpg", Reply.redirect(302, GPG));

        assertThat(resolve(server.uri("/latest/SHA256SUMS"), FILE, Release.policy()))
                .isEqualTo(SHA);
    }

    @Test
    void tooManyRedirectsAreRefused() {
        server.always("/a", Reply.redirect(302, "/b"));
        server.always("/b", Reply.redirect(302, "/c"));

        BerthException e = refused(
                Reason.FetchRefused, server.uri("/a"), FILE, Release.policy().withMaxRedirects(1));

        assertThat(e.getMessage()).contains("more than 1 redirects");
    }

    @Test
    void theQueryOfTheListsUrlIsKeptForTheSignatureAndNeverShown() {
        server.put(SUMS, Resource.of(Release.sums(SHA)));
        URI withToken = URI.create(server.uri(SUMS) + "?token=s3cret");

        BerthException e = refused(Reason.SignatureInvalid, withToken, FILE, Release.policy());

        assertThat(server.requests(GPG))
                .singleElement()
                .satisfies(r -> assertThat(r.target()).isEqualTo(GPG + "?token=s3cret"));
        assertThat(e.getMessage()).doesNotContain("s3cret").contains(server.uri(SUMS) + "?…");
    }
}

package dev.berth.fetchers.git;

import static dev.berth.fetchers.git.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.TestHosts;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.reconciler.port.SourceSnapshot;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.TestCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redirects of a git server over HTTP: credentials go only to the origin (scheme, host and port) the source names,
 * every redirect away from it is refused before anything is sent there, and one within it still authenticates.
 */
class GitRedirectTest {
    static final String TOKEN = "tok-31d8e5a0c2f7";
    static final String REFS = "/fleet.git/info/refs";
    static final Reply ASK_FOR_CREDENTIALS = Reply.status(401, "WWW-Authenticate", "Basic realm=\"git\"");

    private static TestCertificate certificate;

    @TempDir
    Path tmp;

    private final MisbehavingHttpServer origin = MisbehavingHttpServer.start();
    private final MisbehavingHttpServer elsewhere = MisbehavingHttpServer.start();

    @BeforeAll
    static void makeCertificate(@TempDir Path dir) {
        certificate = TestCertificate.generate(dir);
    }

    @AfterAll
    static void forget() {
        certificate = null;
    }

    @AfterEach
    void stop() {
        origin.close();
        elsewhere.close();
    }

    private GitCredentials token() throws Exception {
        return GitCredentials.token(Secret.fromFile(Files.writeString(tmp.resolve("token"), TOKEN)));
    }

    private GitManifestSource source(String url, GitCredentials credentials) {
        GitSourceOptions options =
                GitSourceOptions.of(url, tmp.resolve("state"), credentials).withTimeout(Duration.ofSeconds(10));
        return new GitManifestSource(
                options,
                TestHosts.PLAIN,
                GitEvents.NONE,
                Optional.of(certificate.trustManager()),
                Duration.ofSeconds(30));
    }

    private BerthException refused(String url, GitCredentials credentials) {
        try (GitManifestSource source = source(url, credentials)) {
            BerthException e = catchThrowableOfType(BerthException.class, source::read);
            assertThat(e).as("the read should fail").isNotNull();
            assertThat(e.reason()).isEqualTo(Reason.SourceUnavailable);
            assertThat(e.getMessage()).doesNotContain(TOKEN);
            return e;
        }
    }

    private static String basic(String token) {
        return "Basic "
                + Base64.getEncoder().encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRedirectToAnotherPortAfterTheTokenWasSentIsRefusedAndTheOtherOriginGetsNothing() throws Exception {
        origin.enqueue(REFS, ASK_FOR_CREDENTIALS);
        origin.always(REFS, Reply.redirect(302, elsewhere.origin() + REFS + "?service=git-upload-pack"));
        elsewhere.always(REFS, ASK_FOR_CREDENTIALS);

        BerthException e = refused(origin.origin() + "/fleet.git", token());

        assertThat(origin.requests())
                .as("the origin got the token, so the redirect happened with it in hand")
                .anySatisfy(r -> assertThat(r.header("Authorization")).contains(basic(TOKEN)));
        assertThat(elsewhere.requests()).isEmpty();
        assertThat(e.getMessage())
                .isEqualTo("remote " + origin.origin() + "/fleet.git redirects to " + elsewhere.origin()
                        + "/fleet.git, another origin (scheme, host and port) than the one configured, while fetching"
                        + " the default branch, and no revision is cached yet. Berth sends credentials only to the"
                        + " configured origin and follows no redirect away from it: point the git source at the"
                        + " final URL if you trust it");
    }

    @Test
    void anOriginThatRedirectsAtOnceToAServerAskingForCredentialsHandsItNothing() throws Exception {
        origin.always(
                REFS,
                Reply.redirect(
                        302,
                        "http://someone:pw-in-location@127.0.0.1:" + elsewhere.port() + REFS
                                + "?service=git-upload-pack&signature=s3cr3t"));
        elsewhere.always(REFS, ASK_FOR_CREDENTIALS);

        BerthException e = refused(origin.origin() + "/fleet.git", token());

        assertThat(elsewhere.requests()).isEmpty();
        assertThat(origin.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEmpty());
        assertThat(e.getMessage())
                .contains("redirects to " + elsewhere.origin() + "/fleet.git, another origin")
                .doesNotContain("pw-in-location")
                .doesNotContain("s3cr3t")
                .doesNotContain("someone");
    }

    @Test
    void anHttpsRepositoryThatRedirectsToPlainHttpIsRefusedWithCredentials() throws Exception {
        try (MisbehavingHttpServer tls = MisbehavingHttpServer.startTls(certificate.serverContext())) {
            tls.enqueue(REFS, ASK_FOR_CREDENTIALS);
            tls.always(REFS, Reply.redirect(301, elsewhere.origin() + REFS + "?service=git-upload-pack"));

            BerthException e = refused(tls.origin() + "/fleet.git", token());

            assertThat(tls.requests())
                    .anySatisfy(r -> assertThat(r.header("Authorization")).contains(basic(TOKEN)));
            assertThat(elsewhere.requests()).isEmpty();
            assertThat(e.getMessage())
                    .startsWith("remote " + tls.origin() + "/fleet.git redirects from https to plain http ("
                            + elsewhere.origin() + "/fleet.git), while fetching")
                    .endsWith(". Berth never follows that, with or without credentials: serve the repository over"
                            + " https at a URL that does not redirect, and point the git source there");
        }
    }

    @Test
    void anHttpsRepositoryThatRedirectsToPlainHttpIsRefusedWithoutCredentials() {
        try (MisbehavingHttpServer tls = MisbehavingHttpServer.startTls(certificate.serverContext())) {
            tls.always(REFS, Reply.redirect(302, elsewhere.origin() + REFS + "?service=git-upload-pack"));

            BerthException e = refused(tls.origin() + "/fleet.git", GitCredentials.none());

            assertThat(tls.requests()).isNotEmpty();
            assertThat(elsewhere.requests()).isEmpty();
            assertThat(e.getMessage()).contains("redirects from https to plain http (" + elsewhere.origin());
        }
    }

    @Test
    void aRedirectWithinTheOriginStillAuthenticates() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repos/origin"));
        RevCommit commit = repo.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        try (repo;
                GitHttpServer server = new GitHttpServer(tmp.resolve("repos"), "x-access-token", TOKEN);
                GitManifestSource source = source(server.url("fleet"), token())) {
            server.redirect("fleet", server.url("origin"));

            SourceSnapshot snapshot = source.read();

            assertThat(snapshot.revision()).isEqualTo(commit.name());
            assertThat(server.served).hasPositiveValue();
        }
    }

    @Test
    void aRepositoryThatStartsRedirectingElsewhereKeepsServingTheCachedRevisionWithTheReason() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repos/origin"));
        RevCommit commit = repo.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        try (repo;
                GitHttpServer server = new GitHttpServer(tmp.resolve("repos"), "x-access-token", TOKEN);
                GitManifestSource source = source(server.url("origin"), token())) {
            source.read();
            server.redirect("origin", elsewhere.origin() + "/moved");

            SourceSnapshot snapshot = source.read();

            assertThat(snapshot.revision()).isEqualTo(commit.name());
            assertThat(snapshot.warning().orElseThrow())
                    .startsWith("remote " + server.url("origin") + " redirects to " + elsewhere.origin() + "/moved,")
                    .contains("using cached revision " + commit.name().substring(0, 12));
            assertThat(elsewhere.requests()).isEmpty();
        }
    }
}

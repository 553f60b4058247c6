package dev.berth.fetchers.git;

import static dev.berth.fetchers.git.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.TestHosts;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.reconciler.port.SourceSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git's smart HTTP protocol with basic authentication, served by git http-backend on 127.0.0.1. */
class GitHttpTransportTest {
    static final String TOKEN = "tok-9f2b61c4e07a";
    static final String ENV_PASSWORD_VARIABLE = "BERTH_TEST_GIT_PASSWORD";

    @TempDir
    Path tmp;

    TestRepo origin;
    RevCommit commit;

    @BeforeEach
    void createOrigin() throws Exception {
        origin = TestRepo.create(tmp.resolve("repos/origin"));
        commit = origin.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
    }

    @AfterEach
    void close() {
        origin.close();
    }

    private GitSourceOptions options(GitHttpServer server, GitCredentials credentials) {
        return GitSourceOptions.of(server.url("origin"), tmp.resolve("state"))
                .withPath("hosts.yaml")
                .withCredentials(credentials);
    }

    private static String everything(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTokenReadFromAFileOpensTheRepository() throws Exception {
        Path tokenFile = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
        try (GitHttpServer server = new GitHttpServer(tmp.resolve("repos"), "x-access-token", TOKEN);
                CapturedLogs logs = new CapturedLogs();
                GitManifestSource source = new GitManifestSource(
                        options(server, GitCredentials.token(Secret.fromFile(tokenFile))), TestHosts.PLAIN)) {
            SourceSnapshot snapshot = source.read();

            assertThat(snapshot.revision()).isEqualTo(commit.name());
            assertThat(server.served).hasPositiveValue();
            assertThat(logs.count())
                    .as("libraries did log, so the check below means something")
                    .isPositive();
            assertThat(logs.text()).doesNotContain(TOKEN).doesNotContain(basic("x-access-token", TOKEN));
        }
    }

    @Test
    void aPasswordReadFromTheEnvironmentOpensTheRepository() throws Exception {
        String password = System.getenv(ENV_PASSWORD_VARIABLE);
        assertThat(password).as("surefire sets %s", ENV_PASSWORD_VARIABLE).isNotBlank();
        try (GitHttpServer server = new GitHttpServer(tmp.resolve("repos"), "deploy", password);
                GitManifestSource source = new GitManifestSource(
                        options(server, GitCredentials.basic("deploy", Secret.fromEnvironment(ENV_PASSWORD_VARIABLE))),
                        TestHosts.PLAIN)) {
            assertThat(source.read().revision()).isEqualTo(commit.name());
        }
    }

    @Test
    void aWrongTokenIsRefusedWithoutShowingItAnywhere() throws Exception {
        String wrong = "wrong-" + TOKEN;
        Path tokenFile = Files.writeString(tmp.resolve("token"), wrong);
        try (GitHttpServer server = new GitHttpServer(tmp.resolve("repos"), "x-access-token", TOKEN);
                CapturedLogs logs = new CapturedLogs();
                GitManifestSource source = new GitManifestSource(
                        options(server, GitCredentials.token(Secret.fromFile(tokenFile))), TestHosts.PLAIN)) {
            BerthException e = catchThrowableOfType(BerthException.class, source::read);

            assertThat(e.reason()).isEqualTo(Reason.SourceUnavailable);
            assertThat(e.getMessage()).contains(server.url("origin")).containsIgnoringCase("not authorized");
            assertThat(server.refused).hasPositiveValue();
            for (String secret : new String[] {wrong, TOKEN, basic("x-access-token", wrong)}) {
                assertThat(everything(e)).doesNotContain(secret);
                assertThat(logs.text()).doesNotContain(secret);
            }
        }
    }

    @Test
    void withoutCredentialsAProtectedRepositoryFailsClearly() throws Exception {
        try (GitHttpServer server = new GitHttpServer(tmp.resolve("repos"), "x-access-token", TOKEN);
                GitManifestSource source =
                        new GitManifestSource(options(server, GitCredentials.none()), TestHosts.PLAIN)) {
            BerthException e = catchThrowableOfType(BerthException.class, source::read);

            assertThat(e.reason()).isEqualTo(Reason.SourceUnavailable);
            assertThat(e.getMessage()).contains("unreachable").contains("no revision is cached yet");
        }
    }

    @Test
    void aMissingTokenFileIsNamedInTheFailure() throws Exception {
        Path missing = tmp.resolve("no-token");
        try (GitHttpServer server = new GitHttpServer(tmp.resolve("repos"), "x-access-token", TOKEN);
                GitManifestSource source = new GitManifestSource(
                        options(server, GitCredentials.token(Secret.fromFile(missing))), TestHosts.PLAIN)) {
            BerthException e = catchThrowableOfType(BerthException.class, source::read);

            assertThat(e.reason()).isEqualTo(Reason.SourceUnavailable);
            assertThat(e.getMessage()).contains("credential file " + missing).contains("does not exist");
        }
    }

    @Test
    void whenTheServerStopsTheCachedRevisionIsServedWithAWarning() throws Exception {
        Path tokenFile = Files.writeString(tmp.resolve("token"), TOKEN);
        GitHttpServer server = new GitHttpServer(tmp.resolve("repos"), "x-access-token", TOKEN);
        try (GitManifestSource source = new GitManifestSource(
                options(server, GitCredentials.token(Secret.fromFile(tokenFile))), TestHosts.PLAIN)) {
            source.read();
            server.close();

            SourceSnapshot snapshot = source.read();

            assertThat(snapshot.revision()).isEqualTo(commit.name());
            assertThat(snapshot.warning().orElseThrow())
                    .startsWith("remote " + server.url("origin") + " unreachable (")
                    .doesNotContain(TOKEN);
        } finally {
            server.close();
        }
    }

    @Test
    void credentialsAreNeverSentOverPlainHttpToAnotherMachine() {
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> GitSourceOptions.of("http://git.example.org/ops.git", tmp)
                                .withCredentials(GitCredentials.token(Secret.fromEnvironment("X")))))
                .hasMessageContaining("never sent over plain http://");
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> GitSourceOptions.of("https://user:pw@git.example.org/ops.git", tmp)))
                .hasMessageContaining("must not hold credentials")
                .hasMessageNotContaining("pw");
    }
}

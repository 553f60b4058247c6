package dev.berth.fetchers.git;

import static dev.berth.fetchers.git.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.TestHosts;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.reconciler.port.SourceSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssh:// through JGit's Apache MINA sshd client to a real ssh server on 127.0.0.1, with strict host keys. */
class GitSshTransportTest {
    @TempDir
    Path tmp;

    TestRepo origin;
    RevCommit commit;
    KeyPair clientKey;
    SshGitServer server;
    Path privateKey;

    @BeforeEach
    void serveOrigin() throws Exception {
        origin = TestRepo.create(tmp.resolve("repos/origin"));
        commit = origin.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        clientKey = SshGitServer.ed25519Key();
        privateKey = SshGitServer.writePrivateKey(clientKey, tmp.resolve("id_ed25519"));
        server = new SshGitServer(tmp.resolve("repos"), clientKey);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        origin.close();
    }

    private GitManifestSource source(Path knownHosts, Path key) {
        GitCredentials credentials = GitCredentials.sshKey(key, knownHosts);
        return new GitManifestSource(
                GitSourceOptions.of(server.url("origin"), tmp.resolve("state"), credentials)
                        .withPath("hosts.yaml")
                        .withTimeout(Duration.ofSeconds(15)),
                TestHosts.PLAIN);
    }

    private BerthException refused(Path knownHosts, Path key) {
        try (GitManifestSource source = source(knownHosts, key)) {
            BerthException e = catchThrowableOfType(BerthException.class, source::read);
            assertThat(e).as("the read should fail").isNotNull();
            assertThat(e.reason()).isEqualTo(Reason.SourceUnavailable);
            return e;
        }
    }

    @Test
    void aHostListedInKnownHostsServesTheRepositoryToAnEd25519DeployKey() throws Exception {
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), server.knownHostsLine() + "\n");

        try (GitManifestSource source = source(knownHosts, privateKey)) {
            SourceSnapshot snapshot = source.read();

            assertThat(snapshot.revision()).isEqualTo(commit.name());
            assertThat(server.uploads).hasValue(1);
            RevCommit next = origin.commit(Map.of("hosts.yaml", manifest("2.0", "web")));
            assertThat(source.read().revision()).isEqualTo(next.name());
        }
    }

    @Test
    void anUnknownHostIsRefusedWithAClearMessageAndNothingIsFetched() throws Exception {
        Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), "");

        BerthException e = refused(knownHosts, privateKey);

        assertThat(e.getMessage())
                .contains("host [127.0.0.1]:" + server.port())
                .contains("is not in the known_hosts file " + knownHosts)
                .contains("no revision is cached yet");
        assertThat(server.uploads).hasValue(0);
    }

    @Test
    void aHostWhoseKeyChangedIsRefused() throws Exception {
        String otherKey = PublicKeyEntry.toString(SshGitServer.ecKey().getPublic());
        Path knownHosts =
                Files.writeString(tmp.resolve("known_hosts"), "[127.0.0.1]:" + server.port() + " " + otherKey + "\n");

        BerthException e = refused(knownHosts, privateKey);

        assertThat(e.getMessage()).contains("does not match the key listed for it in " + knownHosts);
        assertThat(server.uploads).hasValue(0);
    }

    @Test
    void theHostsOwnSshSetupIsNotConsultedForHostKeys() throws Exception {
        Path missing = tmp.resolve("nowhere/known_hosts");

        BerthException e = refused(missing, privateKey);

        assertThat(e.getMessage()).contains("the known_hosts file " + missing + " does not exist");
    }

    @Test
    void aKeyTheServerDoesNotAcceptFailsAuthentication() throws Exception {
        Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), server.knownHostsLine() + "\n");
        Path otherKey = SshGitServer.writePrivateKey(SshGitServer.ecKey(), tmp.resolve("id_other"));

        BerthException e = refused(knownHosts, otherKey);

        assertThat(e.getMessage())
                .contains(server.url("origin").replace("git@", ""))
                .contains("unreachable");
        assertThat(server.uploads).hasValue(0);
    }
}

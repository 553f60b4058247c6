package dev.berth.fetchers.git;

import static dev.berth.fetchers.git.TestManifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.fetchers.TestHosts;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Berth finds in the state directory is not trusted: a link or a file where it keeps a git directory is
 * removed and a real directory made in its place, so a clone is never written through a link.
 */
class GitDirectoriesTest {
    @TempDir
    Path tmp;

    TestRepo origin;
    RevCommit commit;
    Path state;
    Path elsewhere;

    @BeforeEach
    void createOrigin() throws Exception {
        origin = TestRepo.create(tmp.resolve("origin"));
        commit = origin.commit(Map.of("hosts.yaml", manifest("1.0", "web")));
        state = Files.createDirectories(tmp.resolve("state"));
        elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    }

    @AfterEach
    void close() {
        origin.close();
    }

    private GitManifestSource source() {
        return new GitManifestSource(
                GitSourceOptions.of(origin.fileUrl(), state).withPath("hosts.yaml"), TestHosts.PLAIN);
    }

    private static void assertRealPrivateDirectory(Path dir) throws Exception {
        assertThat(Files.isSymbolicLink(dir)).as("%s is a link", dir).isFalse();
        assertThat(Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rwx------");
    }

    @Test
    void aLinkAtStateGitIsReplacedAndWhatItPointedToStaysEmpty() throws Exception {
        Files.createSymbolicLink(state.resolve("git"), elsewhere);

        try (GitManifestSource source = source()) {
            assertThat(source.read().revision()).isEqualTo(commit.name());
        }

        assertThat(elsewhere).isEmptyDirectory();
        assertRealPrivateDirectory(state.resolve("git"));
    }

    @Test
    void aLinkAtTheCloneDirectoryIsReplacedAndNeverClonedInto() throws Exception {
        try (GitManifestSource source = source()) {
            Files.createDirectories(state.resolve("git"));
            Files.createSymbolicLink(source.cacheDirectory(), elsewhere);

            assertThat(source.read().revision()).isEqualTo(commit.name());

            assertThat(elsewhere).isEmptyDirectory();
            assertRealPrivateDirectory(source.cacheDirectory());
        }
    }

    @Test
    void aFileAtStateGitIsReplacedByADirectory() throws Exception {
        Files.writeString(state.resolve("git"), "not a directory");

        try (GitManifestSource source = source()) {
            assertThat(source.read().revision()).isEqualTo(commit.name());
        }

        assertRealPrivateDirectory(state.resolve("git"));
    }

    @Test
    void aLinkAtTheSshHomeIsReplacedBeforeTheSshClientSeesIt() throws Exception {
        Files.createDirectories(state.resolve("git"));
        Files.createSymbolicLink(state.resolve("git/ssh-home"), elsewhere);
        GitCredentials key = GitCredentials.sshKey(tmp.resolve("id_ed25519"), tmp.resolve("known_hosts"));

        new GitManifestSource(GitSourceOptions.of("ssh://git@127.0.0.1:1/fleet.git", state, key), TestHosts.PLAIN)
                .close();

        assertThat(elsewhere).isEmptyDirectory();
        assertRealPrivateDirectory(state.resolve("git/ssh-home"));
        assertRealPrivateDirectory(state.resolve("git/ssh-home/.ssh"));
    }
}

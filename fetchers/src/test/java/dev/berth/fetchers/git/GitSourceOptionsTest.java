package dev.berth.fetchers.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the options accept, and what they refuse before any network traffic. */
class GitSourceOptionsTest {
    static final Path STATE = Path.of("/var/lib/berth");
    static final GitCredentials SSH = GitCredentials.sshKey(Path.of("/etc/berth/id"), Path.of("/etc/berth/known"));
    static final GitCredentials TOKEN = GitCredentials.token(Secret.fromEnvironment("BERTH_GIT_TOKEN"));

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "git@github.com:ops/hosts.git | write ssh://user@host/path",
                "ftp://example.org/hosts.git | must start with file://",
                "hosts.git | must start with file://",
                "ssh://git@example.org/ops/hosts.git | an ssh:// URL needs ssh credentials",
                "https://user:secret@example.org/hosts.git | must not hold credentials",
            })
    void urlsThatCannotWorkAreRefused(String url, String message) {
        assertThatThrownBy(() -> GitSourceOptions.of(url, STATE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("secret");
    }

    @Test
    void credentialsMustSuitTheTransport() {
        assertThatThrownBy(() -> GitSourceOptions.of("https://example.org/hosts.git", STATE, SSH))
                .hasMessageContaining("ssh credentials only work with an ssh:// URL");
        assertThatThrownBy(() -> GitSourceOptions.of("git://example.org/hosts.git", STATE, TOKEN))
                .hasMessageContaining("only sent over https://");
        assertThatThrownBy(() -> GitSourceOptions.of("http://example.org/hosts.git", STATE, TOKEN))
                .hasMessageContaining("never sent over plain http://");
        assertThat(GitSourceOptions.of("http://127.0.0.1:8080/hosts.git", STATE, TOKEN)
                        .url())
                .startsWith("http://127.0.0.1");
        assertThat(GitSourceOptions.of("ssh://git@example.org:2222/ops/hosts.git", STATE, SSH)
                        .credentials())
                .isEqualTo(SSH);
    }

    @Test
    void defaultsFollowTheDefaultBranchAtTheRootWithoutSignatureChecks() {
        GitSourceOptions options = GitSourceOptions.of("https://example.org/hosts.git", STATE);

        assertThat(options.ref()).isEmpty();
        assertThat(options.path()).isEmpty();
        assertThat(options.trustedKeys()).isEmpty();
        assertThat(options.credentials()).isInstanceOf(GitCredentials.None.class);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void pathsAreNormalisedToRepositoryPaths() {
        GitSourceOptions options = GitSourceOptions.of("https://example.org/hosts.git", STATE);

        assertThat(options.withPath("/deploy//hosts/").path()).isEqualTo("deploy/hosts");
        assertThat(options.withPath("./").path()).isEmpty();
        assertThatThrownBy(() -> options.withPath("deploy/../../etc")).hasMessageContaining("must stay inside it");
        assertThatThrownBy(() -> options.withPath(".git/config")).hasMessageContaining("must stay inside it");
    }

    @Test
    void refsAreReadAsBranchTagOrCommit() {
        String id = "0123456789abcdef0123456789ABCDEF01234567";

        assertThat(GitRef.parse(Optional.empty())).isEqualTo(new GitRef.DefaultBranch());
        assertThat(GitRef.parse(Optional.of("refs/heads/main"))).isEqualTo(new GitRef.Branch("main"));
        assertThat(GitRef.parse(Optional.of("refs/tags/v1.2"))).isEqualTo(new GitRef.Tag("v1.2"));
        assertThat(GitRef.parse(Optional.of("release/v1"))).isEqualTo(new GitRef.Named("release/v1"));
        assertThat(GitRef.parse(Optional.of(id))).isEqualTo(new GitRef.Commit(id.toLowerCase(Locale.ROOT)));
    }

    @Test
    void aTimeoutBelowOneSecondIsRefused() {
        GitSourceOptions options = GitSourceOptions.of("https://example.org/hosts.git", STATE);

        assertThatThrownBy(() -> options.withTimeout(Duration.ofMillis(10)))
                .hasMessageContaining("at least one second");
    }
}

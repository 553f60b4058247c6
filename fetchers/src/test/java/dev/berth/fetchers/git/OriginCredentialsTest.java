package dev.berth.fetchers.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The credentials provider JGit asks, again, after a redirect: the secret goes to the configured origin only. */
class OriginCredentialsTest {
    static final String CONFIGURED = "https://git.example.org/ops/fleet.git";

    private final OriginGuard guard = new OriginGuard(CONFIGURED, new Redactor(CONFIGURED));
    private final OriginCredentials credentials = new OriginCredentials("x-access-token", "tok-secret", guard);

    private CredentialItem.Password ask(String url) throws Exception {
        CredentialItem.Username user = new CredentialItem.Username();
        CredentialItem.Password password = new CredentialItem.Password();
        boolean given = credentials.get(new URIish(url), user, password);
        assertThat(given).as("answered for %s", url).isEqualTo(password.getValue() != null);
        return password;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                CONFIGURED,
                "https://git.example.org/ops/fleet.git/",
                "https://git.example.org/moved/elsewhere.git",
                "https://GIT.Example.ORG/ops/fleet.git",
                "https://git.example.org:443/ops/fleet.git"
            })
    void theConfiguredOriginGetsTheSecretWhateverThePath(String url) throws Exception {
        assertThat(ask(url).getValue()).containsExactly("tok-secret".toCharArray());
        assertThat(guard.refusal()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://git.example.org:8443/ops/fleet.git",
                "http://git.example.org/ops/fleet.git",
                "https://evil.example.org/ops/fleet.git",
                "https://git.example.org.evil.example/ops/fleet.git",
                "ssh://git.example.org/ops/fleet.git"
            })
    void anyOtherOriginGetsNothingAndTheRefusalIsRemembered(String url) throws Exception {
        assertThat(ask(url).getValue()).isNull();
        assertThat(guard.refusal()).isPresent();
    }
}

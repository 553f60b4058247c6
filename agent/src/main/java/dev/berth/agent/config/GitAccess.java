package dev.berth.agent.config;

import dev.berth.fetchers.git.GitCredentials;
import dev.berth.fetchers.git.GitSourceOptions;
import dev.berth.fetchers.git.Secret;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How Berth reaches a git repository, as given on the command line or in the agent's configuration: the same
 * rules for both.
 */
public record GitAccess(
        String url,
        Optional<String> ref,
        String path,
        Optional<Path> tokenFile,
        Optional<String> tokenEnv,
        Optional<String> username,
        Optional<Path> passwordFile,
        Optional<String> passwordEnv,
        Optional<Path> sshKey,
        Optional<Path> knownHosts) {

    public GitSourceOptions options(Path stateDir, Optional<Path> trustedKeys) {
        try {
            GitSourceOptions options =
                    GitSourceOptions.of(url, stateDir, credentials()).withPath(path);
            if (ref.isPresent()) {
                options = options.withRef(ref.get());
            }
            return trustedKeys.map(options::withTrustedKeys).orElse(options);
        } catch (IllegalArgumentException e) {
            throw new BerthException(Reason.ManifestInvalid, "git source " + e.getMessage());
        }
    }

    GitCredentials credentials() {
        if (sshKey.isPresent() || knownHosts.isPresent()) {
            if (sshKey.isEmpty() || knownHosts.isEmpty()) {
                throw new BerthException(Reason.ManifestInvalid, "ssh needs both a key and a known_hosts file");
            }
            return GitCredentials.sshKey(sshKey.get(), knownHosts.get());
        }
        if (tokenFile.isPresent()) {
            return GitCredentials.token(Secret.fromFile(tokenFile.get()));
        }
        if (tokenEnv.isPresent()) {
            return GitCredentials.token(Secret.fromEnvironment(tokenEnv.get()));
        }
        if (passwordFile.isPresent() || passwordEnv.isPresent()) {
            String user = username.orElseThrow(
                    () -> new BerthException(Reason.ManifestInvalid, "a git password needs a user name too"));
            return GitCredentials.basic(
                    user,
                    passwordFile.map(Secret::fromFile).orElseGet(() -> Secret.fromEnvironment(passwordEnv.get())));
        }
        return GitCredentials.none();
    }
}

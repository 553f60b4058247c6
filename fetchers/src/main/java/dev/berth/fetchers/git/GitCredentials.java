package dev.berth.fetchers.git;

import java.nio.file.Path;
import java.util.Objects;

/** How Berth proves who it is to the git server. Values never appear in messages: only where they come from. */
public sealed interface GitCredentials {
    /** Public repositories, and file:// URLs. */
    static GitCredentials none() {
        return new None();
    }

    /**
     * An access token sent as the HTTP password, with the user name "x-access-token" that GitHub, GitLab and
     * Gitea accept; use {@link #basic} where the server wants a particular user name.
     */
    static GitCredentials token(Secret token) {
        return new Basic("x-access-token", token);
    }

    /** A user name and a password (or token) for HTTP basic authentication. */
    static GitCredentials basic(String username, Secret password) {
        return new Basic(username, password);
    }

    /**
     * A private key file (OpenSSH or PEM, not protected by a passphrase: a service has no one to type it) and
     * the known_hosts file that must list the server's host key; an unlisted host is refused, never learned.
     */
    static GitCredentials sshKey(Path privateKey, Path knownHosts) {
        return new SshKey(privateKey, knownHosts);
    }

    /** No credentials. */
    record None() implements GitCredentials {}

    /** HTTP basic authentication. */
    record Basic(String username, Secret password) implements GitCredentials {
        public Basic {
            if (username == null || username.isBlank() || username.contains(":")) {
                throw new IllegalArgumentException("a git user name must be non-empty and hold no \":\"");
            }
            Objects.requireNonNull(password, "password");
        }
    }

    /** An ssh key and the host keys to trust. */
    record SshKey(Path privateKey, Path knownHosts) implements GitCredentials {
        public SshKey {
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(knownHosts, "knownHosts");
        }
    }
}

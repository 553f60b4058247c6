package dev.berth.fetchers.git;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Sets up each JGit command for the source's transport: the timeout; HTTP connections and credentials kept to the
 * configured origin ({@link OriginGuard}), the credentials read fresh from their secret; and an ssh client that
 * knows only the configured key and known_hosts file (never ~/.ssh, its config or an agent, so the host's own ssh
 * setup cannot change what Berth trusts).
 */
final class Transports implements AutoCloseable {
    private final GitSourceOptions options;
    private final Redactor redactor;
    private final @Nullable KnownHosts knownHosts; // both only with an ssh key
    private final @Nullable SshdSessionFactory ssh;
    private final OriginGuard guard;
    private final GuardedConnections http;

    Transports(GitSourceOptions options, Redactor redactor, Optional<X509TrustManager> trust) {
        this.options = options;
        this.redactor = redactor;
        this.guard = new OriginGuard(options.url(), redactor);
        this.http = new GuardedConnections(guard, trust);
        if (options.credentials() instanceof GitCredentials.SshKey key) {
            KnownHosts known = new KnownHosts(key.knownHosts());
            this.knownHosts = known;
            this.ssh = sshFactory(key.privateKey(), GitDirectories.root(options.stateDirectory()), known);
        } else {
            this.knownHosts = null;
            this.ssh = null;
        }
    }

    <C extends TransportCommand<C, ?>> C configure(C command) {
        command.setTimeout((int) Math.min(Integer.MAX_VALUE, options.timeout().toSeconds()));
        guard.forget();
        if (options.credentials() instanceof GitCredentials.Basic basic) {
            String password = basic.password().reveal();
            redactor.hide(password);
            command.setCredentialsProvider(new OriginCredentials(basic.username(), password, guard));
        }
        if (knownHosts != null) {
            knownHosts.forget();
        }
        SshdSessionFactory sshFactory = ssh;
        command.setTransportConfigCallback(transport -> {
            if (transport instanceof TransportHttp t) {
                t.setHttpConnectionFactory(http);
            }
            if (transport instanceof SshTransport t && sshFactory != null) {
                t.setSshSessionFactory(sshFactory);
            }
        });
        return command;
    }

    /** Where the credentials come from, for messages: never their value. */
    String credentialSource() {
        GitCredentials credentials = options.credentials();
        if (credentials instanceof GitCredentials.Basic basic) {
            return "user " + basic.username() + " with the password in " + basic.password();
        }
        if (credentials instanceof GitCredentials.SshKey key) {
            return "the ssh key " + key.privateKey();
        }
        return "nowhere (none are configured)";
    }

    /** Why a redirect away from the configured origin was refused during the last command, if one was. */
    Optional<OriginGuard.Refusal> redirectRefusal() {
        return guard.refusal();
    }

    /** Why the ssh server's host key was refused during the last command, if it was. */
    Optional<String> hostKeyRefusal() {
        return knownHosts == null ? Optional.empty() : knownHosts.refusal();
    }

    // JGit's ssh client wants a home and an .ssh directory: both live in STATE/git, never in root's own home.
    private static SshdSessionFactory sshFactory(Path privateKey, Path gitRoot, KnownHosts knownHosts) {
        Path home = GitDirectories.ensure(gitRoot.resolve("ssh-home"));
        GitDirectories.ensure(home.resolve(".ssh"));
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.resolve(".ssh").toFile())
                .setConfigStoreFactory((homeDir, configFile, user) -> null)
                .setDefaultIdentities(sshDir -> List.of(privateKey))
                .setDefaultKnownHostsFiles(sshDir -> List.of())
                .setServerKeyDatabase((homeDir, sshDir) -> knownHosts)
                .setPreferredAuthentications("publickey")
                .build(null);
    }

    @Override
    public void close() {
        if (ssh != null) {
            ssh.close();
        }
    }
}

package dev.berth.fetchers.git;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Sets up each JGit command for the source's transport: the timeout, HTTP credentials read fresh from their
 * secret, and an ssh client that knows only the configured key and known_hosts file (never ~/.ssh, its config
 * or an agent, so the host's own ssh setup cannot change what Berth trusts).
 */
final class Transports implements AutoCloseable {
    private final GitSourceOptions options;
    private final Redactor redactor;
    private final KnownHosts knownHosts;
    private final SshdSessionFactory ssh;

    Transports(GitSourceOptions options, Redactor redactor, Path home) {
        this.options = options;
        this.redactor = redactor;
        if (options.credentials() instanceof GitCredentials.SshKey) {
            GitCredentials.SshKey key = (GitCredentials.SshKey) options.credentials();
            this.knownHosts = new KnownHosts(key.knownHosts());
            this.ssh = sshFactory(key.privateKey(), home);
        } else {
            this.knownHosts = null;
            this.ssh = null;
        }
    }

    <C extends TransportCommand<C, ?>> C configure(C command) {
        command.setTimeout((int) Math.min(Integer.MAX_VALUE, options.timeout().toSeconds()));
        if (options.credentials() instanceof GitCredentials.Basic) {
            GitCredentials.Basic basic = (GitCredentials.Basic) options.credentials();
            String password = basic.password().reveal();
            redactor.hide(password);
            command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(basic.username(), password));
        }
        if (ssh != null) {
            knownHosts.forget();
            command.setTransportConfigCallback(transport -> {
                if (transport instanceof SshTransport) {
                    ((SshTransport) transport).setSshSessionFactory(ssh);
                }
            });
        }
        return command;
    }

    /** Where the credentials come from, for messages: never their value. */
    String credentialSource() {
        GitCredentials credentials = options.credentials();
        if (credentials instanceof GitCredentials.Basic) {
            return "user " + ((GitCredentials.Basic) credentials).username() + " with the password in "
                    + ((GitCredentials.Basic) credentials).password();
        }
        if (credentials instanceof GitCredentials.SshKey) {
            return "the ssh key " + ((GitCredentials.SshKey) credentials).privateKey();
        }
        return "nowhere (none are configured)";
    }

    /** Why the ssh server's host key was refused during the last command, if it was. */
    Optional<String> hostKeyRefusal() {
        return knownHosts == null ? Optional.empty() : knownHosts.refusal();
    }

    private SshdSessionFactory sshFactory(Path privateKey, Path home) {
        try {
            Files.createDirectories(home.resolve(".ssh"));
        } catch (IOException e) {
            throw new BerthException(
                    Reason.StateUnavailable, "cannot create the ssh directory " + home + ": " + e.getMessage(), e);
        }
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

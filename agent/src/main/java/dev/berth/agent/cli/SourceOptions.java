package dev.berth.agent.cli;

import dev.berth.agent.config.GitAccess;
import dev.berth.agent.config.Settings;
import dev.berth.agent.config.SourceConfig;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the desired state comes from: a manifest file or directory, or a git repository. Optional: without one,
 * the configuration's source is used, as the agent would.
 */
public final class SourceOptions {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Origin origin;

    @ArgGroup(exclusive = false, heading = "Git source:%n")
    Git git = new Git();

    /** At most one source. */
    static final class Origin {
        @Option(
                names = "--manifest",
                paramLabel = "FILE",
                description = "A manifest file, or a directory of *.yaml manifests (default: the configuration's"
                        + " source).")
        Path manifest;

        @Option(
                names = "--git",
                paramLabel = "URL",
                description = "A git repository (file://, git://, https://, ssh://) holding the manifest.")
        String url;
    }

    /** How to read the repository. */
    static final class Git {
        @Option(
                names = "--ref",
                paramLabel = "REF",
                description = "Branch, tag or full commit id (default: the remote's default branch).")
        String ref;

        @Option(
                names = "--path",
                paramLabel = "PATH",
                defaultValue = "",
                description = "A manifest file or directory in the repository (default: its root).")
        String path;

        @Option(names = "--git-token-file", paramLabel = "FILE", description = "HTTPS access token, read from FILE.")
        Path tokenFile;

        @Option(names = "--git-token-env", paramLabel = "VAR", description = "HTTPS access token, read from $VAR.")
        String tokenEnv;

        @Option(names = "--git-user", paramLabel = "USER", description = "HTTPS user name for --git-password-*.")
        String user;

        @Option(names = "--git-password-file", paramLabel = "FILE", description = "HTTPS password, read from FILE.")
        Path passwordFile;

        @Option(names = "--git-password-env", paramLabel = "VAR", description = "HTTPS password, read from $VAR.")
        String passwordEnv;

        @Option(names = "--ssh-key", paramLabel = "FILE", description = "Private key for ssh:// (no passphrase).")
        Path sshKey;

        @Option(
                names = "--known-hosts",
                paramLabel = "FILE",
                description = "known_hosts listing the ssh server's host key; unknown hosts are refused.")
        Path knownHosts;
    }

    /** {@code settings} with the source given on the command line, if one was. */
    Settings applyTo(Settings settings) {
        return given().map(settings::withSource).orElse(settings);
    }

    private Optional<SourceConfig> given() {
        if (origin == null) {
            if (git.ref != null
                    || !git.path.isEmpty()
                    || git.tokenFile != null
                    || git.tokenEnv != null
                    || git.user != null
                    || git.passwordFile != null
                    || git.passwordEnv != null
                    || git.sshKey != null
                    || git.knownHosts != null) {
                throw new BerthException(
                        Reason.ManifestInvalid,
                        "--ref, --path and the git credential options go with --git URL; give --git too");
            }
            return Optional.empty();
        }
        if (origin.manifest != null) {
            return Optional.of(new SourceConfig.Manifest(origin.manifest));
        }
        return Optional.of(new SourceConfig.Git(new GitAccess(
                origin.url,
                Optional.ofNullable(git.ref),
                git.path,
                Optional.ofNullable(git.tokenFile),
                Optional.ofNullable(git.tokenEnv),
                Optional.ofNullable(git.user),
                Optional.ofNullable(git.passwordFile),
                Optional.ofNullable(git.passwordEnv),
                Optional.ofNullable(git.sshKey),
                Optional.ofNullable(git.knownHosts))));
    }
}

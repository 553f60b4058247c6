package dev.berth.agent.cli;

import dev.berth.agent.config.GitAccess;
import dev.berth.agent.config.Settings;
import dev.berth.agent.config.SourceConfig;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the desired state comes from: a manifest file or directory, or a git repository. Optional: without one,
 * the configuration's source is used, as the agent would.
 */
public final class SourceOptions {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    @Nullable
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
        @Nullable
        Path manifest;

        @Option(
                names = "--git",
                paramLabel = "URL",
                description = "A git repository (file://, git://, https://, ssh://) holding the manifest.")
        @Nullable
        String url;
    }

    /** How to read the repository. */
    static final class Git {
        @Option(
                names = "--ref",
                paramLabel = "REF",
                description = "Branch, tag or full commit id (default: the remote's default branch).")
        @Nullable
        String ref;

        @Option(
                names = "--path",
                paramLabel = "PATH",
                defaultValue = "",
                description = "A manifest file or directory in the repository (default: its root).")
        String path = "";

        @Option(names = "--git-token-file", paramLabel = "FILE", description = "HTTPS access token, read from FILE.")
        @Nullable
        Path tokenFile;

        @Option(names = "--git-token-env", paramLabel = "VAR", description = "HTTPS access token, read from $VAR.")
        @Nullable
        String tokenEnv;

        @Option(names = "--git-user", paramLabel = "USER", description = "HTTPS user name for --git-password-*.")
        @Nullable
        String user;

        @Option(names = "--git-password-file", paramLabel = "FILE", description = "HTTPS password, read from FILE.")
        @Nullable
        Path passwordFile;

        @Option(names = "--git-password-env", paramLabel = "VAR", description = "HTTPS password, read from $VAR.")
        @Nullable
        String passwordEnv;

        @Option(names = "--ssh-key", paramLabel = "FILE", description = "Private key for ssh:// (no passphrase).")
        @Nullable
        Path sshKey;

        @Option(
                names = "--known-hosts",
                paramLabel = "FILE",
                description = "known_hosts listing the ssh server's host key; unknown hosts are refused.")
        @Nullable
        Path knownHosts;
    }

    /** {@code settings} with the source given on the command line, if one was. */
    Settings applyTo(Settings settings) {
        return given().map(settings::withSource).orElse(settings);
    }

    private Optional<SourceConfig> given() {
        Origin origin = this.origin;
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
        // The group is exclusive with one of the two required, so without --manifest there is --git.
        String url = Objects.requireNonNull(origin.url, "--git");
        return Optional.of(new SourceConfig.Git(new GitAccess(
                url,
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

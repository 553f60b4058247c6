package dev.berth.agent.cli;

import dev.berth.agent.GitAccess;
import dev.berth.fetchers.FileManifestSource;
import dev.berth.fetchers.git.GitManifestSource;
import dev.berth.fetchers.git.GitSourceOptions;
import dev.berth.reconciler.port.SourceSnapshot;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the desired state comes from: a manifest file or directory, or a git repository. */
public final class SourceOptions {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Origin origin;

    @ArgGroup(exclusive = false, heading = "Git source:%n")
    Git git = new Git();

    /** Exactly one source. */
    static final class Origin {
        @Option(
                names = "--manifest",
                paramLabel = "FILE",
                description = "A manifest file, or a directory of *.yaml manifests.")
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

    /** Reads the whole desired state once. */
    public SourceSnapshot read(HostOptions host) {
        if (origin.manifest != null) {
            return new FileManifestSource(origin.manifest).read();
        }
        try (GitManifestSource source = new GitManifestSource(gitOptions(host.stateDir(), host.trustedKeys()))) {
            return source.read();
        }
    }

    public GitSourceOptions gitOptions(Path stateDir, Optional<Path> trustedKeys) {
        return new GitAccess(
                        origin.url,
                        Optional.ofNullable(git.ref),
                        git.path,
                        Optional.ofNullable(git.tokenFile),
                        Optional.ofNullable(git.tokenEnv),
                        Optional.ofNullable(git.user),
                        Optional.ofNullable(git.passwordFile),
                        Optional.ofNullable(git.passwordEnv),
                        Optional.ofNullable(git.sshKey),
                        Optional.ofNullable(git.knownHosts))
                .options(stateDir, trustedKeys);
    }
}

package dev.berth.fetchers.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the desired state lives in git and how to reach it.
 *
 * @param url file://, https:// (http:// only without credentials, or to this machine), ssh:// or git://; never
 *     with a password or token in it
 * @param ref a branch, a tag (a bare name is looked up as a branch first, then as a tag; refs/heads/NAME and
 *     refs/tags/NAME say which) or a full 40-digit commit id; empty means the remote's default branch
 * @param path a manifest file or a directory of manifests in the repository; "" is the repository root
 * @param stateDirectory Berth's state directory; the cached clone lives in its git/ subdirectory
 * @param trustedKeys an ASCII-armored OpenPGP public key file (one or more keys); when given, only commits signed
 *     by one of those keys (primary key or subkey) are applied
 * @param timeout for each network operation
 */
public record GitSourceOptions(
        String url,
        Optional<String> ref,
        String path,
        Path stateDirectory,
        GitCredentials credentials,
        Optional<Path> trustedKeys,
        Duration timeout,
        Clock clock) {
    private static final Set<String> SCHEMES = Set.of("file", "https", "http", "ssh", "git");

    public GitSourceOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(trustedKeys, "trustedKeys");
        Objects.requireNonNull(clock, "clock");
        GitRef.parse(ref);
        path = RepoPath.normalize(path);
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("the git timeout must be at least one second, got " + timeout);
        }
        checkUrl(url, credentials);
    }

    /** The default branch's root, no credentials, no signature check, 60 second timeouts. */
    public static GitSourceOptions of(String url, Path stateDirectory) {
        return of(url, stateDirectory, GitCredentials.none());
    }

    /** The default branch's root with these credentials (an ssh:// URL always needs them), no signature check. */
    public static GitSourceOptions of(String url, Path stateDirectory, GitCredentials credentials) {
        return new GitSourceOptions(
                url,
                Optional.empty(),
                "",
                stateDirectory,
                credentials,
                Optional.empty(),
                Duration.ofSeconds(60),
                Clock.systemUTC());
    }

    public GitSourceOptions withRef(String ref) {
        return new GitSourceOptions(
                url, Optional.of(ref), path, stateDirectory, credentials, trustedKeys, timeout, clock);
    }

    public GitSourceOptions withPath(String path) {
        return new GitSourceOptions(url, ref, path, stateDirectory, credentials, trustedKeys, timeout, clock);
    }

    public GitSourceOptions withCredentials(GitCredentials credentials) {
        return new GitSourceOptions(url, ref, path, stateDirectory, credentials, trustedKeys, timeout, clock);
    }

    public GitSourceOptions withTrustedKeys(Path keys) {
        return new GitSourceOptions(url, ref, path, stateDirectory, credentials, Optional.of(keys), timeout, clock);
    }

    public GitSourceOptions withTimeout(Duration timeout) {
        return new GitSourceOptions(url, ref, path, stateDirectory, credentials, trustedKeys, timeout, clock);
    }

    public GitSourceOptions withClock(Clock clock) {
        return new GitSourceOptions(url, ref, path, stateDirectory, credentials, trustedKeys, timeout, clock);
    }

    private static void checkUrl(String url, GitCredentials credentials) {
        if (url.matches("[\\w.-]+@[\\w.-]+:.*") && !url.contains("://")) {
            throw new IllegalArgumentException("the git URL must be a URL: write ssh://user@host/path rather than"
                    + " user@host:path (a path after the colon becomes /path, or /~/path for a home directory)");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the git URL is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme) || uri.isOpaque()) {
            throw new IllegalArgumentException("the git URL must start with file://, https://, http://, ssh:// or"
                    + " git:// (write ssh://user@host/path rather than user@host:path)");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && (!scheme.equals("ssh") || userInfo.contains(":"))) {
            throw new IllegalArgumentException(
                    "the git URL must not hold credentials; give them with the credentials option instead");
        }
        boolean ssh = scheme.equals("ssh");
        if (ssh != (credentials instanceof GitCredentials.SshKey)) {
            throw new IllegalArgumentException(
                    ssh
                            ? "an ssh:// URL needs ssh credentials: a private key file and a known_hosts file"
                            : "ssh credentials only work with an ssh:// URL");
        }
        if (credentials instanceof GitCredentials.Basic && !scheme.startsWith("http")) {
            throw new IllegalArgumentException("a token or password is only sent over https://");
        }
        if (credentials instanceof GitCredentials.Basic && scheme.equals("http") && !loopback(uri.getHost())) {
            throw new IllegalArgumentException(
                    "a token or password is never sent over plain http:// to another machine; use https://");
        }
    }

    // Literal names only: a DNS answer must not decide whether a token may travel in clear text.
    private static boolean loopback(String host) {
        return host != null
                && (host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.[0-9]{1,3}){3}"));
    }
}

package dev.berth.fetchers.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Optional;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.URIish;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the HTTP traffic of a source, and so its credentials, on the origin it was configured with. JGit follows
 * a redirect of its first request itself, keeps the Authorization header across one that changes only the port or
 * the scheme (it compares host names), and asks the credentials provider again when the new server answers 401.
 * So the guard stands at each place a request could leave: a redirect response is refused before JGit acts on it,
 * a connection to another origin is never opened, and the provider hands the secret to no other origin. Every
 * redirect away from the origin is refused, with or without credentials: the operator names the repository, and
 * the message says which URL to name instead.
 *
 * <p>Why it refused is remembered, because JGit wraps, retries or rewords what it is thrown.
 */
final class OriginGuard {
    private static final String[] GIT_SUFFIXES = {"/info/refs", "/git-upload-pack", "/git-receive-pack"};

    private final Optional<Origin> origin;
    private final Redactor redactor;
    private volatile @Nullable Refusal refusal; // none until a request was refused

    /** What the server did, said after "remote URL ", and what the operator can do about it. */
    record Refusal(String what, String advice) {}

    OriginGuard(String url, Redactor redactor) {
        this.origin = Origin.of(url);
        this.redactor = redactor;
    }

    boolean allows(Origin other) {
        return origin.isPresent() && origin.get().equals(other);
    }

    boolean allows(URIish uri) {
        return Origin.of(uri).map(this::allows).orElse(false);
    }

    /** Refuses a redirect from {@code from} to {@code location} (which may be relative) that leaves the origin. */
    void checkRedirect(URL from, String location) throws TransportException {
        URI target;
        try {
            target = from.toURI().resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return; // JGit reports an invalid Location itself, and follows none
        }
        Optional<Origin> next = Origin.of(target);
        if (next.isPresent() && !allows(next.get())) {
            throw refuse(target);
        }
    }

    /** Remembers why a request to {@code target} is refused and returns the exception that stops JGit. */
    TransportException refuse(URI target) {
        String shown = redactor.clean(repository(target));
        boolean downgrade = origin.map(o -> o.scheme().equals("https")).orElse(false)
                && "http".equalsIgnoreCase(target.getScheme());
        Refusal why = downgrade
                ? new Refusal(
                        "redirects from https to plain http (" + shown + ")",
                        "Berth never follows that, with or without credentials: serve the repository over https at"
                                + " a URL that does not redirect, and point the git source there")
                : new Refusal(
                        "redirects to " + shown + ", another origin (scheme, host and port) than the one configured",
                        "Berth sends credentials only to the configured origin and follows no redirect away from"
                                + " it: point the git source at the final URL if you trust it");
        refusal = why;
        return new TransportException("redirect refused: " + why.what());
    }

    /** Refuses the credentials to a server JGit was sent to, a redirect the other checks did not see. */
    void refuse(URIish uri) {
        try {
            refuse(new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null));
        } catch (URISyntaxException | RuntimeException e) {
            refusal = new Refusal(
                    "asked for credentials on behalf of another origin than the one configured",
                    "Berth sends credentials only to the configured origin");
        }
    }

    Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    void forget() {
        refusal = null;
    }

    /** The repository URL a git redirect points to: no user information, query, or git endpoint after it. */
    private static String repository(URI target) {
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        for (String suffix : GIT_SUFFIXES) {
            int at = path.indexOf(suffix);
            if (at >= 0) {
                path = path.substring(0, at);
                break;
            }
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme() + "://";
        String port = target.getPort() < 0 ? "" : ":" + target.getPort();
        return scheme + target.getHost() + port + path;
    }
}

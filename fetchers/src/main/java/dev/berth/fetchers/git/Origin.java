package dev.berth.fetchers.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.transport.URIish;

/**
 * The scheme, host and port of a URL, as browsers compare sites: the only place an HTTP credential may go. A port
 * left out is the scheme's default, so https://host/ and https://host:443/ are the same origin.
 */
record Origin(String scheme, String host, int port) {
    Origin {
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT);
        port = port >= 0 ? port : defaultPort(scheme);
    }

    /** The origin of an absolute URL; empty for one without a scheme or a host. */
    static Optional<Origin> of(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            return Optional.empty();
        }
        return Optional.of(new Origin(uri.getScheme(), uri.getHost(), uri.getPort()));
    }

    static Optional<Origin> of(String url) {
        try {
            return of(new URI(url));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    static Origin of(URL url) {
        return new Origin(url.getProtocol(), url.getHost(), url.getPort());
    }

    static Optional<Origin> of(URIish uri) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            return Optional.empty();
        }
        return Optional.of(new Origin(uri.getScheme(), uri.getHost(), uri.getPort()));
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}

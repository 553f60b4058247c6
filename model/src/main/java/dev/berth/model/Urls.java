package dev.berth.model;

import dev.berth.model.yaml.Fields;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Checks download URLs: https, http or file, no credentials, and a form each scheme can use. */
public final class Urls {
    public static final Set<String> SCHEMES = Set.of("https", "http", "file");

    private Urls() {}

    /** The URL, or empty with a problem recorded under {@code key}. */
    public static Optional<URI> parse(String text, Fields f, String key) {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            f.problems().add(f.positionOf(key), f.path(key), problem.get() + ", got \"" + redact(text) + "\"");
            return Optional.empty();
        }
        return Optional.of(URI.create(text));
    }

    /** What is wrong with {@code text} as a download URL, if anything. */
    public static Optional<String> problem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return Optional.of(
                    scheme.isEmpty()
                            ? "must be an absolute URL starting with https://, http:// or file://"
                            : "uses the unsupported scheme \"" + scheme + "\"; use https, http or file");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain credentials; give them to the agent, not the manifest");
        }
        if (scheme.equals("file")) {
            if (uri.getPath() == null
                    || !uri.getPath().startsWith("/")
                    || (uri.getHost() != null && !uri.getHost().isEmpty())) {
                return Optional.of("a file URL must be file:///absolute/path");
            }
        } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("has no host");
        }
        return Optional.empty();
    }

    /** The URL without user info and query, safe for messages and logs. */
    public static String redact(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.isOpaque()) {
                return text.replaceAll("\\?.*", "?…");
            }
            String query = uri.getRawQuery() == null ? "" : "?…";
            if (uri.getHost() == null) {
                return uri.getScheme() + "://" + uri.getRawPath() + query;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null) + query;
        } catch (URISyntaxException e) {
            return text.replaceAll("//[^/@]*@", "//").replaceAll("\\?.*", "?…");
        }
    }

    public static String redact(URI uri) {
        return redact(uri.toString());
    }
}

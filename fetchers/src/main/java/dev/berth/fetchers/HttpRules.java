package dev.berth.fetchers;

import dev.berth.model.Urls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The rules every HTTP download follows, whatever it fetches (images, signed SHA256SUMS): which schemes and
 * redirects are allowed, and how a connection failure is told to a person. {@link RedirectingGet} applies them.
 */
final class HttpRules {
    private static final Pattern URL = Pattern.compile("(?i)\\b(https?|file)://[^\\s\"'<>]+");

    private HttpRules() {}

    /**
     * Plain http only when allowed, and never as a downgrade from https; no other schemes on the way.
     *
     * @param protectedBy what still protects the content over plain http, e.g. "the sha256"
     */
    static void checkScheme(DownloadPolicy policy, Optional<URI> from, URI to, String protectedBy) throws Refused {
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (!scheme.equals("http")) {
            throw new Refused(
                    "a redirect leads to an unsupported URL (" + Urls.redact(to) + ")",
                    "only https and http redirects are followed");
        }
        if (from.isPresent() && "https".equalsIgnoreCase(from.get().getScheme())) {
            throw new Refused(
                    "the https URL redirects to plain http (" + Urls.redact(to) + ")",
                    "Berth never follows a redirect from https to http; fix the server or publish over https");
        }
        if (!policy.allowHttp()) {
            throw new Refused(
                    "plain http is not allowed" + (from.isPresent() ? " (redirect to " + Urls.redact(to) + ")" : ""),
                    "use an https URL, or pass --allow-http to accept unencrypted downloads (" + protectedBy
                            + " still protects the content)");
        }
    }

    /**
     * The URL a redirect leads to, once it passed every rule.
     *
     * @param redirects redirects followed so far in this attempt
     * @param seen every URL of this attempt so far, the first included; the next one is added
     */
    static URI nextHop(
            DownloadPolicy policy, URI from, String location, int redirects, Set<String> seen, String protectedBy)
            throws Refused {
        if (location == null || location.isBlank()) {
            throw new Refused("a redirect from " + Urls.redact(from) + " has no Location", "fix the server");
        }
        URI next;
        try {
            next = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new Refused("a redirect points to an invalid URL (" + Urls.redact(location) + ")", "fix the server");
        }
        if (redirects + 1 > policy.maxRedirects()) {
            throw new Refused(
                    "more than " + policy.maxRedirects() + " redirects (the last to " + Urls.redact(next) + ")",
                    "point the manifest at the final URL or fix the redirects");
        }
        if (!seen.add(next.toString())) {
            throw new Refused(
                    "the redirects loop ("
                            + String.join(
                                    " -> ", seen.stream().map(Urls::redact).toList()) + " -> " + Urls.redact(next)
                            + ")",
                    "fix the server's redirects");
        }
        checkScheme(policy, Optional.of(from), next, protectedBy);
        return next;
    }

    /** True when the failure is a TLS certificate the client does not trust: a refusal, not a network blip. */
    static boolean untrustedCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException
                    || t instanceof SSLPeerUnverifiedException
                    || t instanceof CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }

    /** What went wrong with a connection, for a person; {@code when} is "before the response arrived" or similar. */
    static String describe(IOException e, URI url, DownloadPolicy policy, String when) {
        if (e instanceof SocketTimeoutException) {
            return "timed out " + when + " (connect timeout " + seconds(policy.connectTimeout()) + ", read timeout "
                    + seconds(policy.readTimeout()) + ")";
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + url.getHost() + " (" + scrub(e) + ")";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + url.getHost();
        }
        return "connection failed " + when + " (" + scrub(e) + ")";
    }

    /** An exception's message with any URL in it redacted: OkHttp puts URLs into some messages. */
    static String scrub(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return URL.matcher(m).replaceAll(r -> Matcher.quoteReplacement(Urls.redact(r.group())));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}

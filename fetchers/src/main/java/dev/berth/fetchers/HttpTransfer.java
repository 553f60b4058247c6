package dev.berth.fetchers;

import dev.berth.model.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One HTTP(S) attempt with OkHttp: follows redirects itself (counting them and checking every hop), resumes with
 * Range and If-Range, and turns statuses and exceptions into transient failures or refusals. OkHttp types stay
 * in here.
 */
final class HttpTransfer implements Transfer {
    private final OkHttpClient client;

    HttpTransfer(OkHttpClient client) {
        this.client = client;
    }

    @Override
    public void attempt(FetchJob job, PartialDownload partial) throws TransientFailure {
        URI url = job.spec().url();
        Set<String> seen = new LinkedHashSet<>();
        seen.add(url.toString());
        for (int redirects = 0; ; redirects++) {
            Request request;
            try {
                request = request(url, partial);
            } catch (IllegalArgumentException e) {
                throw job.refused(
                        "the URL " + Urls.redact(url) + " cannot be requested (" + scrub(e) + ")",
                        "check the url in the manifest or the server's redirects");
            }
            Response response;
            try {
                response = client.newCall(request).execute();
            } catch (IOException e) {
                throw failure(job, url, e, "before the response arrived");
            }
            try (response) {
                int code = response.code();
                if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
                    URI next = nextHop(job, url, response.header("Location"), redirects, seen);
                    url = next;
                    continue;
                }
                new ResponseHandler(job, partial, url)
                        .handle(
                                code,
                                response.header("ETag"),
                                response.header("Last-Modified"),
                                response.header("Content-Range"),
                                response.header("Retry-After"),
                                body(response),
                                response.body().contentLength());
                return;
            } catch (IOException e) {
                throw failure(job, url, e, "while reading the body");
            }
        }
    }

    private static Request request(URI url, PartialDownload partial) {
        Request.Builder b = new Request.Builder()
                .url(url.toString())
                .header("User-Agent", "berth")
                .header("Accept-Encoding", "identity"); // a compressed body would not hash to the image's sha256
        Optional<String> ifRange = partial.ifRange();
        if (ifRange.isPresent()) {
            b.header("Range", "bytes=" + partial.length() + "-").header("If-Range", ifRange.get());
        }
        return b.build();
    }

    private static InputStream body(Response response) {
        ResponseBody body = response.body();
        return body.byteStream();
    }

    private static URI nextHop(FetchJob job, URI from, String location, int redirects, Set<String> seen) {
        if (location == null || location.isBlank()) {
            throw job.refused("a redirect from " + Urls.redact(from) + " has no Location", "fix the server");
        }
        URI next;
        try {
            next = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw job.refused("a redirect points to an invalid URL (" + Urls.redact(location) + ")", "fix the server");
        }
        if (redirects + 1 > job.policy().maxRedirects()) {
            throw job.refused(
                    "more than " + job.policy().maxRedirects() + " redirects (the last to " + Urls.redact(next) + ")",
                    "point the manifest at the final URL or fix the redirects");
        }
        if (!seen.add(next.toString())) {
            throw job.refused(
                    "the redirects loop ("
                            + String.join(
                                    " -> ", seen.stream().map(Urls::redact).toList()) + " -> " + Urls.redact(next)
                            + ")",
                    "fix the server's redirects");
        }
        checkScheme(job, Optional.of(from), next);
        return next;
    }

    /** Plain http only when allowed, and never as a downgrade from https; no other schemes on the way. */
    static void checkScheme(FetchJob job, Optional<URI> from, URI to) {
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (!scheme.equals("http")) {
            throw job.refused(
                    "a redirect leads to an unsupported URL (" + Urls.redact(to) + ")",
                    "only https and http redirects are followed");
        }
        if (from.isPresent() && "https".equalsIgnoreCase(from.get().getScheme())) {
            throw job.refused(
                    "the https URL redirects to plain http (" + Urls.redact(to) + ")",
                    "Berth never follows a redirect from https to http; fix the server or publish over https");
        }
        if (!job.policy().allowHttp()) {
            throw job.refused(
                    "plain http is not allowed" + (from.isPresent() ? " (redirect to " + Urls.redact(to) + ")" : ""),
                    "use an https URL, or pass --allow-http to accept unencrypted downloads (the "
                            + "sha256 still protects the content)");
        }
    }

    private static TransientFailure failure(FetchJob job, URI url, IOException e, String when) {
        if (untrustedCertificate(e)) {
            throw job.refused(
                    "the TLS certificate of " + url.getHost() + " is not trusted (" + scrub(e) + ")",
                    "use a certificate from a trusted CA, or add the CA to the agent's trust store");
        }
        if (e instanceof SocketTimeoutException) {
            return new TransientFailure("timed out " + when + " (connect timeout "
                    + seconds(job.policy().connectTimeout()) + ", read timeout "
                    + seconds(job.policy().readTimeout()) + ")");
        }
        if (e instanceof ConnectException) {
            return new TransientFailure("cannot connect to " + url.getHost() + " (" + scrub(e) + ")");
        }
        if (e instanceof UnknownHostException) {
            return new TransientFailure("unknown host " + url.getHost());
        }
        return new TransientFailure("connection failed " + when + " (" + scrub(e) + ")");
    }

    private static boolean untrustedCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException
                    || t instanceof SSLPeerUnverifiedException
                    || t instanceof java.security.cert.CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }

    /** An exception's message with any URL in it redacted: OkHttp puts URLs into some messages. */
    static String scrub(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return java.util.regex.Pattern.compile("(?i)\\b(https?|file)://[^\\s\"'<>]+")
                .matcher(m)
                .replaceAll(r -> java.util.regex.Matcher.quoteReplacement(Urls.redact(r.group())));
    }

    private static String seconds(java.time.Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}

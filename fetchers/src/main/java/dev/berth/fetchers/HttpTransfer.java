package dev.berth.fetchers;

import dev.berth.model.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
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
    private static final String PROTECTED_BY = "the sha256";
    private final OkHttpClient client;
    private final ActiveCalls active;

    HttpTransfer(OkHttpClient client, ActiveCalls active) {
        this.client = client;
        this.active = active;
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
                        "the URL " + Urls.redact(url) + " cannot be requested (" + HttpRules.scrub(e) + ")",
                        "check the url in the manifest or the server's redirects");
            }
            Response response;
            okhttp3.Call call = active.track(client.newCall(request));
            try {
                response = call.execute();
            } catch (IOException e) {
                active.done(call);
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
            } finally {
                active.done(call);
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
        try {
            return HttpRules.nextHop(job.policy(), from, location, redirects, seen, PROTECTED_BY);
        } catch (HttpRules.Refused r) {
            throw job.refused(r.detail(), r.advice());
        }
    }

    /** Plain http only when allowed, and never as a downgrade from https; no other schemes on the way. */
    static void checkScheme(FetchJob job, Optional<URI> from, URI to) {
        try {
            HttpRules.checkScheme(job.policy(), from, to, PROTECTED_BY);
        } catch (HttpRules.Refused r) {
            throw job.refused(r.detail(), r.advice());
        }
    }

    private static TransientFailure failure(FetchJob job, URI url, IOException e, String when) {
        if (HttpRules.untrustedCertificate(e)) {
            throw job.refused(
                    "the TLS certificate of " + url.getHost() + " is not trusted (" + HttpRules.scrub(e) + ")",
                    "use a certificate from a trusted CA, or add the CA to the agent's trust store");
        }
        return new TransientFailure(HttpRules.describe(e, url, job.policy(), when));
    }
}

package dev.berth.fetchers.sums;

import dev.berth.fetchers.DownloadPolicy;
import dev.berth.fetchers.HttpRules;
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

/**
 * One GET of a small file over http(s) with the fetchers' client and redirect rules, conditional when validators
 * are given. One attempt: a transient failure is FetchFailed and the agent's next pass is the retry. OkHttp types
 * stay in here.
 */
final class HttpGet {
    private static final String PROTECTED_BY = "the signature";

    private final OkHttpClient client;
    private final DownloadPolicy policy;

    HttpGet(OkHttpClient client, DownloadPolicy policy) {
        this.client = client;
        this.policy = policy;
    }

    Download get(SumsJob job, URI start, Download.Validators ifChanged) {
        checkScheme(job, start);
        URI url = start;
        Set<String> seen = new LinkedHashSet<>();
        seen.add(start.toString());
        for (int redirects = 0; ; redirects++) {
            Request request;
            try {
                request = request(url, ifChanged);
            } catch (IllegalArgumentException e) {
                throw job.refused(
                        start,
                        Urls.redact(url) + " cannot be requested (" + HttpRules.scrub(e) + ")",
                        "check the sums url in the manifest");
            }
            Response response;
            try {
                response = client.newCall(request).execute();
            } catch (IOException e) {
                throw failure(job, start, url, e, "before the response arrived");
            }
            try (response) {
                int code = response.code();
                if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
                    url = nextHop(job, start, url, response.header("Location"), redirects, seen);
                    continue;
                }
                return answer(job, start, url, code, response, ifChanged);
            } catch (IOException e) {
                throw failure(job, start, url, e, "while reading the body");
            }
        }
    }

    private Download answer(SumsJob job, URI start, URI url, int code, Response response, Download.Validators ifChanged)
            throws IOException {
        Download.Validators validators = new Download.Validators(
                Optional.ofNullable(response.header("ETag")), Optional.ofNullable(response.header("Last-Modified")));
        if (code == 304 && ifChanged.any()) {
            return new Download.NotModified(new Download.Validators(
                    validators.etag().or(ifChanged::etag),
                    validators.lastModified().or(ifChanged::lastModified)));
        }
        if (code == 200) {
            return new Download.Body(body(job, start, response), validators);
        }
        if (code == 404 || code == 410) {
            return new Download.Missing("the server answered " + code + hop(start, url));
        }
        if (code == 408 || code == 429 || code >= 500) {
            throw job.failed(start, "the server answered " + code + hop(start, url), null);
        }
        throw job.refused(start, "the server answered " + code + hop(start, url), advice(code));
    }

    private static byte[] body(SumsJob job, URI start, Response response) throws IOException {
        long announced = response.body().contentLength();
        if (announced > SumsJob.MAX_BYTES) {
            throw job.tooLarge(start, "the server announces " + announced + " bytes");
        }
        try (InputStream in = response.body().byteStream()) {
            byte[] bytes = in.readNBytes(SumsJob.MAX_BYTES + 1);
            if (bytes.length > SumsJob.MAX_BYTES) {
                throw job.tooLarge(start, "the body has more than " + SumsJob.MAX_BYTES + " bytes");
            }
            return bytes;
        }
    }

    private static Request request(URI url, Download.Validators ifChanged) {
        Request.Builder b = new Request.Builder()
                .url(url.toString())
                .header("User-Agent", "berth")
                // The signature covers the bytes as published; a compressed body would not be them.
                .header("Accept-Encoding", "identity");
        ifChanged.etag().ifPresent(etag -> b.header("If-None-Match", etag));
        ifChanged.lastModified().ifPresent(date -> b.header("If-Modified-Since", date));
        return b.build();
    }

    private void checkScheme(SumsJob job, URI url) {
        try {
            HttpRules.checkScheme(policy, Optional.empty(), url, PROTECTED_BY);
        } catch (HttpRules.Refused r) {
            throw job.refused(url, r.detail(), r.advice());
        }
    }

    private URI nextHop(SumsJob job, URI start, URI from, String location, int redirects, Set<String> seen) {
        try {
            return HttpRules.nextHop(policy, from, location, redirects, seen, PROTECTED_BY);
        } catch (HttpRules.Refused r) {
            throw job.refused(start, r.detail(), r.advice());
        }
    }

    private RuntimeException failure(SumsJob job, URI start, URI url, IOException e, String when) {
        if (HttpRules.untrustedCertificate(e)) {
            return job.refused(
                    start,
                    "the TLS certificate of " + url.getHost() + " is not trusted (" + HttpRules.scrub(e) + ")",
                    "use a certificate from a trusted CA, or add the CA to the agent's trust store");
        }
        return job.failed(start, HttpRules.describe(e, url, policy, when), e);
    }

    /** Where the answer came from, when redirects led somewhere else. */
    private static String hop(URI start, URI url) {
        return url.equals(start) ? "" : " for " + Urls.redact(url);
    }

    private static String advice(int code) {
        if (code == 401 || code == 403) {
            return "the server refuses access: check the sums url, or that the server lets this host download it";
        }
        if (code == 407) {
            return "the proxy wants credentials, which Berth does not send; allow the host through the proxy";
        }
        return "check the sums url in the manifest and the server";
    }
}

package dev.berth.fetchers.sums;

import dev.berth.fetchers.HttpAnswer;
import dev.berth.fetchers.RedirectingGet;
import dev.berth.fetchers.Refused;
import dev.berth.model.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One GET of a small file over http(s) with the fetchers' {@link RedirectingGet}, conditional when validators are
 * given. One attempt: a transient failure is FetchFailed and the agent's next pass is the retry.
 */
final class HttpGet {
    private final RedirectingGet http;

    HttpGet(RedirectingGet http) {
        this.http = http;
    }

    Download get(SumsJob job, URI start, Download.Validators ifChanged) {
        Map<String, String> headers = new LinkedHashMap<>();
        ifChanged.etag().ifPresent(etag -> headers.put("If-None-Match", etag));
        ifChanged.lastModified().ifPresent(date -> headers.put("If-Modified-Since", date));
        try {
            return http.get(start, headers, answer -> answer(job, start, answer, ifChanged));
        } catch (Refused r) {
            throw job.refused(start, r.detail(), r.advice());
        } catch (RedirectingGet.Failed f) {
            throw job.failed(start, f.getMessage(), f.getCause());
        }
    }

    private static Download answer(SumsJob job, URI start, HttpAnswer answer, Download.Validators ifChanged)
            throws IOException {
        int code = answer.code();
        Download.Validators validators = new Download.Validators(answer.header("ETag"), answer.header("Last-Modified"));
        if (code == 304 && ifChanged.any()) {
            return new Download.NotModified(new Download.Validators(
                    validators.etag().or(ifChanged::etag),
                    validators.lastModified().or(ifChanged::lastModified)));
        }
        if (code == 200) {
            return new Download.Body(body(job, start, answer), validators);
        }
        String answered = "the server answered " + code + hop(start, answer.url());
        if (code == 404 || code == 410) {
            return new Download.Missing(answered);
        }
        if (answer.worthRetrying()) {
            throw job.failed(start, answered, null);
        }
        throw job.refused(start, answered, answer.refusalAdvice("the sums url"));
    }

    private static byte[] body(SumsJob job, URI start, HttpAnswer answer) throws IOException {
        long announced = answer.contentLength();
        if (announced > SumsJob.MAX_BYTES) {
            throw job.tooLarge(start, "the server announces " + announced + " bytes");
        }
        try (InputStream in = answer.body()) {
            byte[] bytes = in.readNBytes(SumsJob.MAX_BYTES + 1);
            if (bytes.length > SumsJob.MAX_BYTES) {
                throw job.tooLarge(start, "the body has more than " + SumsJob.MAX_BYTES + " bytes");
            }
            return bytes;
        }
    }

    /** Where the answer came from, when redirects led somewhere else. */
    private static String hop(URI start, URI url) {
        return url.equals(start) ? "" : " for " + Urls.redact(url);
    }
}

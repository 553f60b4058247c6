package dev.berth.fetchers;

import java.util.Map;
import java.util.Optional;

/**
 * One HTTP(S) attempt at an image: a {@link RedirectingGet} that resumes with Range and If-Range; the final
 * response goes to a {@link ResponseHandler}. A refusal is FetchRefused, any other failure is worth another
 * attempt.
 */
final class HttpTransfer implements Transfer {
    private final RedirectingGet http;

    HttpTransfer(RedirectingGet http) {
        this.http = http;
    }

    @Override
    public void attempt(FetchJob job, PartialDownload partial) throws TransientFailure {
        try {
            http.get(job.spec().url(), range(partial), answer -> {
                new ResponseHandler(job, partial).handle(answer);
                return partial; // the answer went into the partial; there is nothing else to hand back
            });
        } catch (Refused r) {
            throw job.refused(r.detail(), r.advice());
        } catch (RedirectingGet.Failed f) {
            throw new TransientFailure(f.getMessage());
        }
    }

    private static Map<String, String> range(PartialDownload partial) {
        Optional<String> ifRange = partial.ifRange();
        return ifRange.isPresent()
                ? Map.of("Range", "bytes=" + partial.length() + "-", "If-Range", ifRange.get())
                : Map.of();
    }
}

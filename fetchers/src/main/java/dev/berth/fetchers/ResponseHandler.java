package dev.berth.fetchers;

import dev.berth.model.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a final (non-redirect) response means for the partial download: 200 starts from zero, 206 must
 * continue exactly where the partial ends, 416 may mean the partial is already whole; 408, 429 and 5xx are worth
 * another attempt, any other status is a refusal. Then it checks limits and space and copies the body.
 */
final class ResponseHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseHandler.class);

    private final FetchJob job;
    private final PartialDownload partial;

    ResponseHandler(FetchJob job, PartialDownload partial) {
        this.job = job;
        this.partial = partial;
    }

    void handle(HttpAnswer answer) throws TransientFailure, IOException {
        int code = answer.code();
        Optional<String> contentRange = answer.header("Content-Range");
        long total;
        if (code == 200) {
            if (partial.length() > 0) {
                LOG.info(
                        "{}: the server sent the whole file instead of the rest; starting over from byte 0",
                        job.spec().label());
                partial.restart();
            }
            partial.remember(answer.header("ETag"), answer.header("Last-Modified"));
            total = answer.contentLength();
        } else if (code == 206) {
            Optional<ContentRange> range = contentRange.flatMap(ContentRange::parse);
            if (range.isEmpty() || range.get().first() != partial.length()) {
                long asked = partial.length();
                partial.restart();
                throw new TransientFailure("the server answered a request for the bytes from " + asked
                        + " with Content-Range \"" + contentRange.orElse(null) + "\"; starting over");
            }
            long length = answer.contentLength();
            total = range.get().total() >= 0 ? range.get().total() : length >= 0 ? partial.length() + length : -1;
        } else if (code == 416) {
            Optional<ContentRange> range = contentRange.flatMap(ContentRange::parse);
            if (range.isPresent() && range.get().total() == partial.length()) {
                return; // an earlier run got every byte but stopped before the rename
            }
            partial.restart();
            throw new TransientFailure("the server cannot send the rest of the partial download; starting over");
        } else if (answer.worthRetrying()) {
            Optional<String> retryAfter = answer.header("Retry-After");
            throw new TransientFailure(
                    "the server answered " + code
                            + retryAfter.map(r -> " (Retry-After: " + r + ")").orElse(""),
                    RetryAfter.parse(
                            retryAfter.orElse(null), job.context().clock().instant()));
        } else {
            throw job.refused(
                    "the server answered " + code + " for " + Urls.redact(answer.url()),
                    answer.refusalAdvice("the url"));
        }
        receive(answer.body(), total);
    }

    private void receive(InputStream body, long total) throws TransientFailure, IOException {
        if (total > job.policy().maxImageBytes()) {
            throw job.tooLarge("the server announces " + ByteSize.human(total) + " (" + total + " bytes)");
        }
        partial.announce(total);
        job.space().beforeStart(total >= 0 ? total - partial.length() : 0);
        ProgressListener progress = job.context().progress();
        progress.started(job.spec().label(), partial.length(), total);
        boolean complete = false;
        try {
            job.copier().copy(body, partial, total, progress);
            if (total >= 0 && partial.length() < total) {
                throw new TransientFailure(
                        "the connection closed after " + partial.length() + " of " + total + " bytes");
            }
            complete = true;
        } catch (BodyCopier.Overrun o) {
            if (o.pastLimit()) {
                throw job.tooLarge("the body grew past the limit");
            }
            partial.restart();
            throw new TransientFailure(o.getMessage() + "; the bytes were dropped");
        } finally {
            progress.ended(partial.length(), complete);
        }
    }
}

package dev.berth.testkit.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request the server received, with its headers and what the server answered. The counters are final only
 * once the server has finished the reply, so the getters wait for that (a client can finish reading before the
 * server thread has counted its last write).
 */
public final class RecordedRequest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final int index;
    private final String method;
    private final String target;
    private final Map<String, String> headers;
    private final AtomicLong bodyBytesSent = new AtomicLong();
    private final AtomicInteger status = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);

    RecordedRequest(int index, String method, String target, Map<String, String> lowerCaseHeaders) {
        this.index = index;
        this.method = method;
        this.target = target;
        this.headers = Map.copyOf(lowerCaseHeaders);
    }

    /** 0 for the first request the server received, counting all paths. */
    public int index() {
        return index;
    }

    public String method() {
        return method;
    }

    /** The request target as sent: a path, or an absolute URL when the client talks to a proxy. */
    public String target() {
        return target;
    }

    /** The path part of the target, without the query. */
    public String path() {
        String t = target;
        if (t.startsWith("http://") || t.startsWith("https://")) {
            int slash = t.indexOf('/', t.indexOf("//") + 2);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        int q = t.indexOf('?');
        return q < 0 ? t : t.substring(0, q);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Body bytes written to the socket for this request (headers not counted), once the reply is over. */
    public long bodyBytesSent() {
        awaitFinished();
        return bodyBytesSent.get();
    }

    /** The status code sent, once the reply is over. */
    public int status() {
        awaitFinished();
        return status.get();
    }

    void countBody(long n) {
        bodyBytesSent.addAndGet(n);
    }

    void status(int code) {
        status.set(code);
    }

    void finish() {
        finished.countDown();
    }

    private void awaitFinished() {
        try {
            if (!finished.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "request " + index + " " + target + " still being answered after " + WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for request " + index, e);
        }
    }

    @Override
    public String toString() {
        return index + " " + method + " " + target + " " + headers;
    }
}

package dev.berth.testkit.http;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the server answers one request. Every reply ends with {@code Connection: close} and the server closes the
 * connection after it, so each request has its own connection and its own byte count.
 */
public sealed interface Reply
        permits Reply.Serve,
                Reply.DropAfter,
                Reply.StallAfter,
                Reply.Trickle,
                Reply.Chunked,
                Reply.Status,
                Reply.Redirect,
                Reply.Raw {

    /** The path's resource, honouring Range and If-Range when the resource allows ranges; 404 without one. */
    record Serve() implements Reply {}

    /** Like {@link Serve}, but the connection is closed after {@code bodyBytes} bytes of the body. */
    record DropAfter(long bodyBytes) implements Reply {}

    /** Like {@link Serve}, but after {@code bodyBytes} bytes the server goes silent for {@code stall}. */
    record StallAfter(long bodyBytes, Duration stall) implements Reply {}

    /**
     * Like {@link Serve}, with the whole length announced, but the body comes one byte every {@code every}: a
     * server that never stalls long enough for a read timeout and never finishes either.
     */
    record Trickle(Duration every) implements Reply {}

    /** The whole resource with chunked transfer coding, so no Content-Length is announced. */
    record Chunked() implements Reply {}

    /** A status with the given headers and no body (503 with Retry-After, 404, 429...). */
    record Status(int code, Map<String, String> headers) implements Reply {
        public Status {
            headers = Map.copyOf(headers);
        }
    }

    /** A redirect to {@code location}, which may be relative. */
    record Redirect(int code, String location) implements Reply {
        public Redirect {
            Objects.requireNonNull(location, "location");
        }
    }

    /** Exactly these headers and body bytes, whatever Content-Length claims: the way to lie about lengths. */
    record Raw(int code, Map<String, String> headers, byte[] body) implements Reply {
        public Raw {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            Objects.requireNonNull(body, "body");
        }
    }

    static Reply serve() {
        return new Serve();
    }

    static Reply dropAfter(long bodyBytes) {
        return new DropAfter(bodyBytes);
    }

    static Reply stallAfter(long bodyBytes, Duration stall) {
        return new StallAfter(bodyBytes, stall);
    }

    static Reply trickle(Duration every) {
        return new Trickle(every);
    }

    static Reply chunked() {
        return new Chunked();
    }

    static Reply status(int code) {
        return new Status(code, Map.of());
    }

    static Reply status(int code, String header, String value) {
        return new Status(code, Map.of(header, value));
    }

    static Reply redirect(int code, String location) {
        return new Redirect(code, location);
    }

    static Reply raw(int code, Map<String, String> headers, byte[] body) {
        return new Raw(code, headers, body);
    }
}

package dev.berth.testkit.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes one {@link Reply} to a connection and counts the body bytes it sends. */
final class ReplyWriter {
    private static final int CHUNK = 64 * 1024;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final Map<Integer, String> PHRASES = Map.of(
            200,
            "OK",
            206,
            "Partial Content",
            301,
            "Moved Permanently",
            302,
            "Found",
            304,
            "Not Modified",
            404,
            "Not Found",
            416,
            "Range Not Satisfiable",
            429,
            "Too Many Requests",
            503,
            "Service Unavailable");

    private final Socket socket;
    private final OutputStream out;
    private final RecordedRequest request;

    ReplyWriter(Socket socket, OutputStream out, RecordedRequest request) {
        this.socket = socket;
        this.out = out;
        this.request = request;
    }

    void write(Reply reply, Optional<Resource> resource) throws IOException {
        if (reply instanceof Reply.Status s) {
            head(s.code(), withLength(s.headers(), 0));
        } else if (reply instanceof Reply.Redirect r) {
            head(r.code(), withLength(Map.of("Location", r.location()), 0));
        } else if (reply instanceof Reply.Raw raw) {
            head(raw.code(), raw.headers());
            body(raw.body(), 0, raw.body().length);
        } else if (resource.isEmpty()) {
            head(404, withLength(Map.of(), 0));
        } else if (reply instanceof Reply.Chunked) {
            chunked(resource.get());
        } else if (reply instanceof Reply.DropAfter drop) {
            serve(resource.get(), drop.bodyBytes(), Duration.ZERO);
        } else if (reply instanceof Reply.Trickle t) {
            trickle(resource.get(), t.every());
        } else if (reply instanceof Reply.StallAfter s) {
            serve(resource.get(), s.bodyBytes(), s.stall());
        } else {
            serve(resource.get(), Long.MAX_VALUE, Duration.ZERO);
        }
        out.flush();
    }

    private void serve(Resource r, long limit, Duration stall) throws IOException {
        Map<String, String> headers = validators(r);
        if (notModified(r)) {
            head(304, headers);
            return;
        }
        long length = r.length();
        long start = 0;
        int code = 200;
        Matcher range = RANGE.matcher(request.header("Range").orElse(""));
        if (r.ranges() && range.matches() && ifRangeHolds(r)) {
            start = Long.parseLong(range.group(1));
            if (start >= length) {
                headers.put("Content-Range", "bytes */" + length);
                head(416, withLength(headers, 0));
                return;
            }
            code = 206;
            headers.put("Content-Range", "bytes " + start + "-" + (length - 1) + "/" + length);
        }
        head(code, withLength(headers, length - start));
        body(r.bytes(), (int) start, (int) Math.min(length - start, limit));
        if (limit < length - start) {
            out.flush();
            silence(stall);
        }
    }

    /** The whole resource, one byte at a time, until it is sent or the client hangs up. */
    private void trickle(Resource r, Duration every) throws IOException {
        head(200, withLength(validators(r), r.length()));
        for (int i = 0; i < r.bytes().length; i++) {
            out.write(r.bytes()[i]);
            out.flush();
            request.countBody(1);
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** RFC 9110 section 13.2.2: If-None-Match decides when present, If-Modified-Since only without it. */
    private boolean notModified(Resource r) {
        Optional<String> ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch.isPresent()) {
            return r.etag().isPresent()
                    && Arrays.stream(ifNoneMatch.get().split(","))
                            .map(String::trim)
                            .anyMatch(tag -> tag.equals("*")
                                    || weak(tag).equals(weak(r.etag().get())));
        }
        Optional<String> ifModifiedSince = request.header("If-Modified-Since");
        return ifModifiedSince.isPresent()
                && r.lastModified().isPresent()
                && HttpDates.parse(ifModifiedSince.get())
                        .map(since -> !r.lastModified().get().isAfter(since))
                        .orElse(false);
    }

    private static String weak(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }

    private boolean ifRangeHolds(Resource r) {
        Optional<String> ifRange = request.header("If-Range");
        if (ifRange.isEmpty()) {
            return true;
        }
        String v = ifRange.get();
        return v.startsWith("\"")
                ? r.etag().map(v::equals).orElse(false)
                : r.lastModified().map(HttpDates::format).map(v::equals).orElse(false);
    }

    private Map<String, String> validators(Resource r) {
        Map<String, String> headers = new LinkedHashMap<>();
        r.etag().ifPresent(e -> headers.put("ETag", e));
        r.lastModified().ifPresent(m -> headers.put("Last-Modified", HttpDates.format(m)));
        if (r.ranges()) {
            headers.put("Accept-Ranges", "bytes");
        }
        return headers;
    }

    private void chunked(Resource r) throws IOException {
        Map<String, String> headers = validators(r);
        headers.put("Transfer-Encoding", "chunked");
        head(200, headers);
        for (int off = 0; off < r.bytes().length; off += CHUNK) {
            int n = Math.min(CHUNK, r.bytes().length - off);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body(r.bytes(), off, n);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private void head(int code, Map<String, String> headers) throws IOException {
        request.status(code);
        StringBuilder s = new StringBuilder("HTTP/1.1 ")
                .append(code)
                .append(' ')
                .append(PHRASES.getOrDefault(code, "Status"))
                .append("\r\n");
        headers.forEach((k, v) -> s.append(k).append(": ").append(v).append("\r\n"));
        s.append("Connection: close\r\n\r\n");
        out.write(s.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private void body(byte[] bytes, int offset, int length) throws IOException {
        for (int off = offset; off < offset + length; off += CHUNK) {
            int n = Math.min(CHUNK, offset + length - off);
            out.write(bytes, off, n);
            request.countBody(n);
        }
    }

    /** Sends nothing for {@code stall}, ending early when the client hangs up. */
    private void silence(Duration stall) throws IOException {
        long deadline = System.nanoTime() + stall.toNanos();
        socket.setSoTimeout(50);
        InputStream in = socket.getInputStream();
        while (System.nanoTime() < deadline) {
            try {
                if (in.read() == -1) {
                    return;
                }
            } catch (SocketTimeoutException e) {
                // still connected and silent: keep stalling
            }
        }
    }

    private static Map<String, String> withLength(Map<String, String> headers, long length) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Length", Long.toString(length));
        return all;
    }
}

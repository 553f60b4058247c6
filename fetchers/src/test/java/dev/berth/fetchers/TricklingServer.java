package dev.berth.fetchers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A server on 127.0.0.1 that is slow on purpose: it sends its reply {@code step} bytes at a time, {@code every}
 * apart, so no single read ever times out. Either the headers trickle, or the headers come at once and the body
 * trickles. It answers every request the same way and records each request's head.
 */
public final class TricklingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final byte[] head;
    private final byte[] body;
    private final boolean trickleHead;
    private final int step;
    private final Duration every;
    private final List<String> requests = new ArrayList<>();

    private TricklingServer(byte[] body, boolean trickleHead, int step, Duration every) {
        this.head = ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nETag: \"trickle\"\r\n"
                        + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.body = body;
        this.trickleHead = trickleHead;
        this.step = step;
        this.every = every;
        try {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(this::accept, "trickling-http");
        t.setDaemon(true);
        t.start();
    }

    /** Sends the status line and headers one byte per {@code every}. */
    public static TricklingServer headers(Duration every) {
        return new TricklingServer(new byte[16], true, 1, every);
    }

    /** Sends the headers at once, then {@code body} {@code step} bytes per {@code every}. */
    public static TricklingServer body(byte[] body, int step, Duration every) {
        return new TricklingServer(body, false, step, every);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** The head of every request so far, in order. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> serve(s), "trickling-http-reply");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            synchronized (this) {
                requests.add(readHead(s.getInputStream()));
            }
            OutputStream out = s.getOutputStream();
            if (trickleHead) {
                trickle(out, head);
            } else {
                out.write(head);
                out.flush();
            }
            trickle(out, body);
        } catch (IOException | InterruptedException hungUp) {
            // the client gave up: that is what the tests wait for
        }
    }

    private void trickle(OutputStream out, byte[] bytes) throws IOException, InterruptedException {
        for (int off = 0; off < bytes.length; off += step) {
            out.write(Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + step)));
            out.flush();
            Thread.sleep(every.toMillis());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }
}

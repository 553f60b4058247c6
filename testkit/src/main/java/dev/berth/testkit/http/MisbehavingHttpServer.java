package dev.berth.testkit.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP/1.1 server on 127.0.0.1 (plain, or TLS with a given context) that serves {@link Resource}s and
 * misbehaves on request. Each path answers with its queued one-shot {@link Reply}s first, in order, then with
 * its standing reply ({@link #always}), then by serving its resource. Every request is recorded with its headers,
 * status and the body bytes sent; each uses its own connection.
 */
public final class MisbehavingHttpServer implements AutoCloseable {
    private final ServerSocket serverSocket;
    private final String scheme;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "misbehaving-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final Map<String, Reply> standing = new ConcurrentHashMap<>();
    private final Map<String, Deque<Reply>> queued = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private MisbehavingHttpServer(ServerSocket serverSocket, String scheme) {
        this.serverSocket = serverSocket;
        this.scheme = scheme;
        threads.execute(this::acceptLoop);
    }

    /** A plain HTTP server on an ephemeral port of 127.0.0.1. */
    public static MisbehavingHttpServer start() {
        try {
            return new MisbehavingHttpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), "http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTPS server presenting the certificate of {@code tls}. */
    public static MisbehavingHttpServer startTls(SSLContext tls) {
        try {
            ServerSocket s = tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new MisbehavingHttpServer(s, "https");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void put(String path, Resource resource) {
        resources.put(path, resource);
    }

    /** Answers every request for {@code path} with {@code reply} once the queued replies are used up. */
    public void always(String path, Reply reply) {
        standing.put(path, reply);
    }

    /** Answers the next requests for {@code path} with these replies, in order. */
    public void enqueue(String path, Reply... replies) {
        Deque<Reply> q = queued.computeIfAbsent(path, p -> new ArrayDeque<>());
        synchronized (q) {
            q.addAll(List.of(replies));
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT". */
    public String origin() {
        return scheme + "://127.0.0.1:" + port();
    }

    public URI uri(String path) {
        return URI.create(origin() + path);
    }

    /** Every request so far, in the order they arrived. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<RecordedRequest> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).collect(Collectors.toList());
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(MisbehavingHttpServer::closeQuietly);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket s = serverSocket.accept();
                open.add(s);
                threads.execute(() -> handle(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket socket) {
        RecordedRequest request = null;
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Optional<RequestHead> head = RequestHead.read(in);
            if (head.isEmpty()) {
                return;
            }
            synchronized (requests) {
                request = new RecordedRequest(
                        requests.size(),
                        head.get().method(),
                        head.get().target(),
                        head.get().headers());
                requests.add(request);
            }
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            new ReplyWriter(socket, out, request)
                    .write(replyFor(request.path()), Optional.ofNullable(resources.get(request.path())));
            socket.shutdownOutput();
        } catch (IOException e) {
            // the client hung up or the handshake failed: both are part of misbehaving
        } finally {
            open.remove(socket);
            if (request != null) {
                request.finish();
            }
        }
    }

    private Reply replyFor(String path) {
        Deque<Reply> q = queued.get(path);
        if (q != null) {
            synchronized (q) {
                if (!q.isEmpty()) {
                    return q.removeFirst();
                }
            }
        }
        return standing.getOrDefault(path, Reply.serve());
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}

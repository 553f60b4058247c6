package dev.berth.fetchers.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Git's smart HTTP protocol on 127.0.0.1: the JDK's HTTP server runs {@code git http-backend} as a CGI program for
 * each request, after checking HTTP basic authentication against one user and password.
 */
final class GitHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Path root;
    private final String expectedAuthorization;
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger served = new AtomicInteger();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();

    GitHttpServer(Path root, String user, String password) throws IOException {
        this.root = root;
        this.expectedAuthorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Answers each authenticated request for repository {@code from} with a redirect to that path under {@code to}. */
    void redirect(String from, String to) {
        redirects.put(from, to);
    }

    String url(String repository) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            for (Map.Entry<String, String> moved : redirects.entrySet()) {
                if (path.startsWith("/" + moved.getKey() + "/")) {
                    String query = exchange.getRequestURI().getRawQuery();
                    String rest = path.substring(moved.getKey().length() + 1);
                    exchange.getResponseHeaders()
                            .add("Location", moved.getValue() + rest + (query == null ? "" : "?" + query));
                    exchange.sendResponseHeaders(302, -1);
                    return;
                }
            }
            served.incrementAndGet();
            cgi(exchange);
        }
    }

    private void cgi(HttpExchange exchange) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = builder.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        env.put(
                "QUERY_STRING",
                exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : exchange.getRequestURI().getRawQuery());
        env.put("REMOTE_USER", "berth");
        env.put("REMOTE_ADDR", "127.0.0.1");
        copyHeader(exchange, "Content-Type", env, "CONTENT_TYPE");
        copyHeader(exchange, "Content-Length", env, "CONTENT_LENGTH");
        copyHeader(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
        copyHeader(exchange, "Git-Protocol", env, "GIT_PROTOCOL");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        // A failed copy of the request body shows as the git process's own failure, which is what the client sees.
        Future<?> unused = threads.submit(() -> {
            try (InputStream body = exchange.getRequestBody();
                    OutputStream in = process.getOutputStream()) {
                body.transferTo(in);
            }
            return null;
        });
        try (InputStream out = process.getInputStream()) {
            int status = 200;
            for (String line = readLine(out); !line.isEmpty(); line = readLine(out)) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.substring(0, 3));
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            }
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream response = exchange.getResponseBody()) {
                out.transferTo(response);
            }
        }
    }

    private static void copyHeader(HttpExchange exchange, String header, Map<String, String> env, String variable) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

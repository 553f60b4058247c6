package dev.berth.agent.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * /metrics (Prometheus text, or OpenMetrics when the scraper asks for it), /healthz (200 while the loop is alive)
 * and /readyz (200 once the first pass finished), on one small HTTP server of the JDK's.
 */
public final class MetricsServer implements AutoCloseable {
    static final String OPENMETRICS = "application/openmetrics-text";

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    public static MetricsServer start(
            InetSocketAddress listen, PrometheusMeterRegistry registry, BooleanSupplier alive, BooleanSupplier ready) {
        HttpServer server;
        try {
            server = HttpServer.create(listen, 16);
        } catch (IOException e) {
            throw new BerthException(
                    Reason.StateUnavailable,
                    "cannot serve metrics on " + listen.getHostString() + ":"
                            + listen.getPort() + ": " + e.getMessage()
                            + "; choose another metrics.listen in the agent's"
                            + " configuration, or \"off\"");
        }
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "berth-metrics");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", exchange -> {
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            String type = accept != null && accept.contains(OPENMETRICS)
                    ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                    : "text/plain; version=0.0.4; charset=utf-8";
            respond(exchange, 200, type, registry.scrape(type));
        });
        server.createContext(
                "/healthz",
                exchange -> check(
                        exchange,
                        alive.getAsBoolean(),
                        "the loop is alive",
                        "the loop has not started a pass for three intervals"));
        server.createContext(
                "/readyz",
                exchange -> check(
                        exchange,
                        ready.getAsBoolean(),
                        "the first pass finished",
                        "the first pass has not finished yet"));
        server.start();
        return new MetricsServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void check(HttpExchange exchange, boolean ok, String yes, String no) throws IOException {
        respond(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", (ok ? "ok: " + yes : "not ok: " + no) + "\n");
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}

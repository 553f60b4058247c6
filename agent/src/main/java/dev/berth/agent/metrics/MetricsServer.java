package dev.berth.agent.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.agent.trigger.Trigger;
import dev.berth.agent.trigger.TriggerAnswer;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * /metrics (Prometheus text, or OpenMetrics when the scraper asks for it), /healthz (200 while the loop is alive),
 * /readyz (200 once the first pass finished) and, when a secret is configured, POST /trigger, on one small HTTP
 * server of the JDK's.
 */
public final class MetricsServer implements AutoCloseable {
    static final String OPENMETRICS = "application/openmetrics-text";
    private static final String TEXT = "text/plain; charset=utf-8";
    /** A few, so that one slow client does not hold up a scrape or a health check. */
    static final int THREADS = 4;

    // The JDK's server waits for a request, or for a client to read its answer, forever unless told otherwise; a
    // client that stalls then holds a thread. These bound both (seconds); they are read once, when the JDK's server
    // class is first loaded, which in the agent is here.
    static {
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", "10");
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", "10");
    }

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    public static MetricsServer start(
            InetSocketAddress listen, PrometheusMeterRegistry registry, BooleanSupplier alive, BooleanSupplier ready) {
        return start(listen, registry, alive, ready, Optional.empty());
    }

    /** With {@code trigger}, POST /trigger too; without it, /trigger is unknown (404) like any other path. */
    public static MetricsServer start(
            InetSocketAddress listen,
            PrometheusMeterRegistry registry,
            BooleanSupplier alive,
            BooleanSupplier ready,
            Optional<Trigger> trigger) {
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
        server.setExecutor(Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "berth-metrics");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", exchange -> {
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            String type = accept != null && accept.contains(OPENMETRICS)
                    ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                    : "text/plain; version=0.0.4; charset=utf-8";
            respond(exchange, 200, type, registry.scrape(type), Map.of());
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
        trigger.ifPresent(t -> server.createContext(Trigger.PATH, exchange -> {
            TriggerAnswer answer = t.handle(TriggerRequests.of(exchange));
            respond(exchange, answer.status(), TEXT, answer.text() + "\n", answer.headers());
        }));
        server.start();
        return new MetricsServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void check(HttpExchange exchange, boolean ok, String yes, String no) throws IOException {
        respond(exchange, ok ? 200 : 503, TEXT, (ok ? "ok: " + yes : "not ok: " + no) + "\n", Map.of());
    }

    private static void respond(
            HttpExchange exchange, int status, String type, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        headers.forEach(exchange.getResponseHeaders()::set);
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

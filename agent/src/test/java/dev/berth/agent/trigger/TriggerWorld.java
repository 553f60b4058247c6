package dev.berth.agent.trigger;

import dev.berth.agent.metrics.BerthMetrics;
import dev.berth.agent.metrics.MetricsServer;
import dev.berth.agent.metrics.Registries;
import dev.berth.reconciler.fake.ManualClock;
import dev.berth.reconciler.loop.Wakeup;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real metrics listener on 127.0.0.1 with the trigger on, a recorded wake-up and the real metrics. */
final class TriggerWorld implements AutoCloseable {
    static final String SECRET = "a-secret-only-the-forge-and-this-host-know";
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** How the server sees this test's address, in URLs and log lines. */
    static final String HOST = LOOPBACK.getHostAddress();

    final Wakeup wakeup;
    final ManualClock clock = new ManualClock();
    private final PrometheusMeterRegistry registry = Registries.agent();
    private final MetricsServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    TriggerWorld(Path dir, Wakeup wakeup) throws IOException {
        this.wakeup = wakeup;
        Path file = Files.writeString(dir.resolve("trigger.secret"), SECRET + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        BerthMetrics metrics = new BerthMetrics(registry, "test");
        Trigger trigger = new Trigger(TriggerSecret.read(file), wakeup, metrics.triggers(), clock);
        server = MetricsServer.start(
                new InetSocketAddress(LOOPBACK, 0), registry, () -> true, () -> true, Optional.of(trigger));
    }

    /** A delivery as GitHub sends it: the body, signed, with an id. */
    HttpResponse<String> deliver(String body, String id) throws Exception {
        return post(body, Map.of(Signature.HEADER, Signing.header(SECRET, body), "X-GitHub-Delivery", id));
    }

    HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        return send("POST", "/trigger", body, headers);
    }

    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://" + (HOST.contains(":") ? "[" + HOST + "]" : HOST) + ":" + port() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Writes {@code head} (the request line and headers, without the blank line) and {@code body} on a plain socket,
     * then reads the status line of what comes back.
     */
    String raw(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket(LOOPBACK, port())) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return statusLine(socket.getInputStream());
        }
    }

    static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\r') {
            line.append((char) c);
        }
        return line.toString();
    }

    /** berth_triggers_total for one result, as a scrape of /metrics shows it. */
    double count(String result) throws Exception {
        String scrape = send("GET", "/metrics", "", Map.of()).body();
        Matcher m = Pattern.compile("(?m)^berth_triggers_total\\{result=\"" + result + "\"} (\\S+)$")
                .matcher(scrape);
        if (!m.find()) {
            throw new AssertionError("no berth_triggers_total{result=\"" + result + "\"} in the scrape");
        }
        return Double.parseDouble(m.group(1));
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}

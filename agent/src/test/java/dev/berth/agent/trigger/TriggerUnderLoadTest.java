package dev.berth.agent.trigger;

import static dev.berth.agent.trigger.TriggerWorld.LOOPBACK;
import static dev.berth.agent.trigger.TriggerWorld.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.agent.metrics.MetricsServer;
import dev.berth.agent.metrics.Registries;
import dev.berth.reconciler.loop.QueueWakeup;
import dev.berth.reconciler.loop.Wakeup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bursts, slow clients, and a listener without a secret. */
class TriggerUnderLoadTest {
    @TempDir
    Path tmp;

    @Test
    void aBurstOfValidDeliveriesMakesAtMostOneExtraPass() throws Exception {
        QueueWakeup wakeup = new QueueWakeup();
        try (TriggerWorld world = new TriggerWorld(tmp, wakeup)) {
            ExecutorService senders = Executors.newFixedThreadPool(8);
            try {
                List<Future<HttpResponse<String>>> sent = IntStream.range(0, 40)
                        .mapToObj(i -> senders.submit(() -> world.deliver("{\"push\":" + i + "}", "d-" + i)))
                        .toList();
                for (Future<HttpResponse<String>> response : sent) {
                    assertThat(response.get().statusCode()).isEqualTo(202);
                }
            } finally {
                senders.shutdownNow();
            }

            assertThat(wakeup.await(Duration.ZERO)).isEqualTo(Wakeup.Cause.TRIGGER);
            assertThat(wakeup.await(Duration.ofMillis(1)))
                    .as("the loop, once woken, finds nothing more to wake it")
                    .isEqualTo(Wakeup.Cause.TIMER);
            assertThat(world.count("accepted")).isEqualTo(40.0);
        }
    }

    @Test
    void aBodyThatStallsIsCutOffByTheServerAndStartsNothing() throws Exception {
        RecordingWakeup wakeup = new RecordingWakeup();
        try (TriggerWorld world = new TriggerWorld(tmp, wakeup);
                Socket slow = new Socket(LOOPBACK, world.port())) {
            String body = "{\"ref\":\"refs/heads/main\"}";
            OutputStream out = slow.getOutputStream();
            out.write(("POST /trigger HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n"
                            + Signature.HEADER + ": " + Signing.header(SECRET, body) + "\r\n\r\n"
                            + body.substring(0, 5))
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            // While that client stalls, scrapes are still answered.
            assertThat(world.send("GET", "/metrics", "", Map.of()).statusCode()).isEqualTo(200);

            slow.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
            assertThat(closedByServer(slow.getInputStream()))
                    .as("the server closed the connection")
                    .isTrue();
            assertThat(wakeup.woken()).isEmpty();
        }
    }

    @Test
    void withoutASecretTheTriggerIsAnUnknownPath() throws Exception {
        try (MetricsServer server =
                MetricsServer.start(new InetSocketAddress(LOOPBACK, 0), Registries.agent(), () -> true, () -> true)) {
            String body = "{}";
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://" + TriggerWorld.HOST + ":" + server.port() + "/trigger"))
                                    .header(Signature.HEADER, Signing.header(SECRET, body))
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(404);
        }
    }

    /** Whether the server closes the connection (end of stream or reset) before the socket's timeout. */
    private static boolean closedByServer(InputStream in) {
        try {
            while (in.read() >= 0) {
                // skip whatever it sent first
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}

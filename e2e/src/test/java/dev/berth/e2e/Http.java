package dev.berth.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;

/** Asks the services inside the container, from the machine: they share its 127.0.0.1. */
final class Http {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {}

    /** The body of GET http://127.0.0.1:PORT/, or empty when nothing answers. */
    static Optional<String> get(int port) {
        return get(port, "/");
    }

    /** The body of GET http://127.0.0.1:PORT/PATH, or empty when nothing answers 200. */
    static Optional<String> get(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(3))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body().strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Waits (up to 20 s) until 127.0.0.1:PORT answers {@code body}. */
    static void awaitBody(int port, String body) {
        Awaitility.await("127.0.0.1:" + port + " answers \"" + body + "\"")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> get(port).equals(Optional.of(body)));
    }
}

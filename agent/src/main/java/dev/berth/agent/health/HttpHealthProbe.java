package dev.berth.agent.health;

import dev.berth.reconciler.port.HttpProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Asks an image's health URL with a plain GET: any 2xx is well. The client (and its selector thread) is built on the
 * first question: most images have no health URL, and the agent starts faster without it.
 */
public final class HttpHealthProbe implements HttpProbe {
    private @Nullable HttpClient client;

    private synchronized HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            built = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            client = built;
        }
        return built;
    }

    @Override
    public Optional<String> problem(URI url, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        try {
            HttpResponse<Void> response = client().send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? Optional.empty() : Optional.of("answered " + status);
        } catch (HttpTimeoutException e) {
            return Optional.of("did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Optional.of("could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("was not asked: interrupted");
        }
    }
}

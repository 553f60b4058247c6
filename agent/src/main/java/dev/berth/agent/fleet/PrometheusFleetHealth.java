package dev.berth.agent.fleet;

import dev.berth.model.yaml.Durations;
import dev.berth.reconciler.port.FleetHealth;
import dev.berth.reconciler.port.FleetReport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Asks a Prometheus that scrapes every agent whether any host reports a version failed: an instant query of
 * {@code berth_image_failed_info{image="NAME",version="VERSION"} == 1} through its HTTP API. Any sample means
 * failed; an error, a timeout (the whole answer within {@code timeout}), a redirect (never followed) or an answer
 * that is not a vector means it could not be asked. The bearer token is read from its file for every question, so
 * a rotated token is picked up, and never appears in a message.
 */
public final class PrometheusFleetHealth implements FleetHealth {
    static final String QUERY_PATH = "/api/v1/query";
    /** Far more than a vector of every host of a fleet takes. */
    private static final int MAX_ANSWER = 4 << 20;

    private static final int MAX_TOKEN = 16 << 10;
    /** RFC 6750's token68: what an Authorization header can carry. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    private final URI base;
    private final Optional<Path> tokenFile;
    private final Optional<Path> caFile;
    private final Duration timeout;
    private volatile @Nullable HttpClient client; // built on first use, again after a CA file could not be read

    /**
     * @param base the server's URL without credentials, query or trailing slash, e.g. https://prometheus:9090
     */
    public PrometheusFleetHealth(URI base, Optional<Path> tokenFile, Optional<Path> caFile, Duration timeout) {
        this.base = base;
        this.tokenFile = tokenFile;
        this.caFile = caFile;
        this.timeout = timeout;
    }

    /**
     * The query for the hosts that report {@code image} at {@code version} failed, each with the host's name from
     * its berth_host_info where the agent exports one (one series per target: topk keeps the join one-to-one), and
     * as it is where it does not, so a host is never dropped by the join.
     */
    static String query(String image, String version) {
        String failed =
                "berth_image_failed_info{image=\"" + quoted(image) + "\",version=\"" + quoted(version) + "\"} == 1";
        return "(" + failed + ") * on (job, instance) group_left (name) topk by (job, instance) (1, berth_host_info)"
                + " or on (job, instance) (" + failed + ")";
    }

    /** A PromQL string literal's content: backslashes, quotes and line breaks escaped. */
    static String quoted(String value) {
        return value.replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\n", "\\n")
                .replace("\r", "\\r");
    }

    @Override
    public FleetReport report(String image, String version) {
        URI uri = URI.create(
                base + QUERY_PATH + "?query=" + URLEncoder.encode(query(image, version), StandardCharsets.UTF_8));
        HttpClient http;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        try {
            http = client();
            Optional<String> token = token();
            if (token.isPresent()) {
                request.header("Authorization", "Bearer " + token.get());
            }
        } catch (IOException e) {
            return unknown(String.valueOf(e.getMessage()));
        }
        CompletableFuture<HttpResponse<byte[]>> answer =
                http.sendAsync(request.build(), LimitedBody.handler(MAX_ANSWER));
        try {
            HttpResponse<byte[]> response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return PrometheusAnswer.read(response.statusCode(), response.body(), where());
        } catch (TimeoutException e) {
            answer.cancel(true);
            return unknown(where() + " did not answer within " + Durations.format(timeout));
        } catch (ExecutionException e) {
            return unknown(where() + " could not be asked (" + describe(e.getCause(), uri) + ")");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return unknown(where() + " was not asked: the agent is stopping");
        }
    }

    private String where() {
        return "Prometheus at " + base;
    }

    private static FleetReport unknown(String why) {
        return new FleetReport.Unknown(why);
    }

    private HttpClient client() throws IOException {
        HttpClient built = client;
        if (built == null) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1);
            if (caFile.isPresent()) {
                builder.sslContext(CaFile.trusting(caFile.get()));
            }
            built = builder.build();
            client = built;
        }
        return built;
    }

    private Optional<String> token() throws IOException {
        if (tokenFile.isEmpty()) {
            return Optional.empty();
        }
        Path file = tokenFile.get();
        byte @Nullable [] bytes;
        try {
            bytes = Files.size(file) > MAX_TOKEN ? null : Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("the bearer token file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IOException(
                    "cannot read the bearer token file " + file + " ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
        if (bytes == null) {
            throw new IOException("the bearer token file " + file + " is larger than a token");
        }
        String token = new String(bytes, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException("the bearer token file " + file + " is empty");
        }
        if (!TOKEN.matcher(token).matches()) {
            throw new IOException("the bearer token in " + file + " holds characters a header cannot carry");
        }
        return Optional.of(token);
    }

    /** The failure in words, without the query string should a library have put the URL in its message. */
    private String describe(@Nullable Throwable error, URI asked) {
        if (error == null) {
            return "no reason given";
        }
        String message = error.getMessage();
        String text = error.getClass().getSimpleName()
                + (message == null || message.isBlank()
                        ? ""
                        : ": " + message.replace(asked.toString(), base.toString()));
        return text.replace(asked.getRawQuery(), "");
    }
}

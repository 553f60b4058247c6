package dev.berth.agent.config;

import dev.berth.model.yaml.Fields;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a rollout asks the fleet's health before a host in a later wave moves: a Prometheus that scrapes every
 * agent ({@code fleet:} in the agent configuration). Without one, later waves go ahead on time alone.
 *
 * @param prometheus the server's base URL, e.g. https://prometheus.example:9090; its query API is under it
 * @param bearerTokenFile a file whose content is sent as {@code Authorization: Bearer}; https only
 * @param caFile PEM certificates to trust for an https server, instead of the JDK's
 * @param timeout how long one question may take, the answer included
 */
public record FleetConfig(
        Optional<URI> prometheus, Optional<Path> bearerTokenFile, Optional<Path> caFile, Duration timeout) {
    public static final FleetConfig NONE =
            new FleetConfig(Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(10));

    static final Set<String> FIELDS = Set.of("prometheus", "bearerTokenFile", "caFile", "timeout");
    private static final Pattern ABSOLUTE = Pattern.compile("/.*");

    public FleetConfig {
        Objects.requireNonNull(prometheus, "prometheus");
        Objects.requireNonNull(bearerTokenFile, "bearerTokenFile");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Reads the {@code fleet:} block strictly; problems go to {@code f}'s problems. */
    static FleetConfig read(Fields f) {
        f.rejectUnknown(FIELDS);
        Optional<URI> url = f.text("prometheus").flatMap(u -> url(f, u));
        Optional<Path> token = path(f, "bearerTokenFile");
        Optional<Path> ca = path(f, "caFile");
        Duration timeout = f.duration("timeout").orElse(NONE.timeout());
        if (timeout.isZero()) {
            f.problems().add(f.positionOf("timeout"), f.path("timeout"), "must be longer than 0s");
        }
        if ((f.has("bearerTokenFile") || f.has("caFile")) && !f.has("prometheus")) {
            f.problems()
                    .add(
                            f.position(),
                            f.path("prometheus"),
                            "is required with bearerTokenFile or caFile: the URL they are for");
        }
        boolean plain = url.filter(u -> u.getScheme().equals("http")).isPresent();
        if (plain && token.isPresent()) {
            f.problems()
                    .add(
                            f.positionOf("bearerTokenFile"),
                            f.path("bearerTokenFile"),
                            "is sent only over https: make prometheus an https URL");
        }
        if (plain && ca.isPresent()) {
            f.problems().add(f.positionOf("caFile"), f.path("caFile"), "is for an https URL; prometheus is http");
        }
        return new FleetConfig(url, token, ca, timeout);
    }

    private static Optional<URI> url(Fields f, String text) {
        String expectation = "must be the http or https URL of a Prometheus server, without credentials, query or"
                + " fragment (e.g. https://prometheus.example:9090; a token goes in bearerTokenFile), got \""
                + text.replaceAll("^([A-Za-z]+:/*)?[^/@]*@", "$1***@") + "\"";
        try {
            URI url = new URI(text);
            boolean web = "http".equals(url.getScheme()) || "https".equals(url.getScheme());
            if (web
                    && url.getHost() != null
                    && url.getRawUserInfo() == null
                    && url.getRawQuery() == null
                    && url.getRawFragment() == null) {
                return Optional.of(URI.create(text.replaceAll("/+$", "")));
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        f.problems().add(f.positionOf("prometheus"), f.path("prometheus"), expectation);
        return Optional.empty();
    }

    private static Optional<Path> path(Fields f, String key) {
        return f.text(key, ABSOLUTE, "must be an absolute path").map(Path::of);
    }
}

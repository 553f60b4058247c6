package dev.berth.model;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one image proves it is healthy after a change, beyond its units running: an optional HTTP URL that must
 * answer 2xx during the stable window, and optional overrides of the agent's stable window and timeout.
 */
public record HealthCheck(Optional<URI> http, Optional<Duration> stableFor, Optional<Duration> timeout) {
    public static final HealthCheck DEFAULT = new HealthCheck(Optional.empty(), Optional.empty(), Optional.empty());

    public HealthCheck {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(stableFor, "stableFor");
        Objects.requireNonNull(timeout, "timeout");
    }
}

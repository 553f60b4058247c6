package dev.berth.fetchers;

import java.time.Duration;
import java.util.Optional;

/** One attempt failed in a way another attempt may fix: the network, a timeout, 429 or 5xx. */
final class TransientFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Optional<Duration> retryAfter;

    TransientFailure(String message, Optional<Duration> retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    TransientFailure(String message) {
        this(message, Optional.empty());
    }

    Optional<Duration> retryAfter() {
        return retryAfter;
    }
}

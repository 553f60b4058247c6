package dev.berth.reconciler.port;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Asks an image's health URL whether it is well. */
@FunctionalInterface
public interface HttpProbe {
    /** Empty when the URL answered 2xx within {@code timeout}; otherwise what it did instead, for messages. */
    Optional<String> problem(URI url, Duration timeout);
}

package dev.berth.reconciler.port;

import dev.berth.model.ImageSpec;

/**
 * Decides whether an image that was just attached, upgraded or started is healthy. Blocks until it is, or throws
 * {@link dev.berth.model.BerthException} with HealthCheckFailed saying which unit failed and why.
 */
public interface HealthGate {
    /** Accepts every change at once: for one-shot runs that only check the units started. */
    HealthGate NONE = spec -> {};

    void await(ImageSpec spec);
}

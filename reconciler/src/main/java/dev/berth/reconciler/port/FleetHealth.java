package dev.berth.reconciler.port;

/**
 * Whether any host of the fleet reports a version of an image as failed: what a rollout asks before it takes a
 * host in its second or a later wave to that version.
 */
public interface FleetHealth {
    /** No fleet health configured: nothing is ever reported failed, and later waves go ahead on time alone. */
    FleetHealth UNWATCHED = (image, version) -> new FleetReport.Healthy();

    /** What the fleet says about {@code image} at {@code version}; never throws. */
    FleetReport report(String image, String version);
}

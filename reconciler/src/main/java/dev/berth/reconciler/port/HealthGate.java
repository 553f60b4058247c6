package dev.berth.reconciler.port;

import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether an image that was just attached, upgraded or started is healthy. Blocks until it is, or throws
 * {@link dev.berth.model.BerthException} with HealthCheckFailed saying which unit failed and why.
 */
public interface HealthGate {
    /** Accepts every change at once: for one-shot runs that only check the units started. */
    HealthGate NONE = spec -> {};

    void await(ImageSpec spec);

    /**
     * Watches several images changed one after the other, each by its own rule, until each is healthy or failed.
     * This default watches them one after the other; a gate that can watches them together, so that the images
     * take one window rather than one each.
     *
     * @return the failure of each image that is not healthy, by image name; the others are healthy
     */
    default Map<String, BerthException> awaitAll(List<ImageSpec> specs) {
        Map<String, BerthException> failed = new LinkedHashMap<>();
        for (ImageSpec spec : specs) {
            try {
                await(spec);
            } catch (BerthException e) {
                failed.put(spec.name(), e);
            }
        }
        return failed;
    }
}

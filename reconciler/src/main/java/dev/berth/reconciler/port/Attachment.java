package dev.berth.reconciler.port;

import dev.berth.model.Limits;
import java.util.List;
import java.util.Objects;

/**
 * How to attach one image: what portablectl attach takes, plus whether to enable and start its units.
 *
 * @param imagePath absolute path of the image as the host sees it
 * @param matches unit prefixes; never empty (an empty list would attach every unit in the image)
 * @param limits written as a drop-in next to each attached service unit before any of them starts
 */
public record Attachment(
        String imagePath,
        List<String> matches,
        String profile,
        boolean runtime,
        boolean enable,
        boolean start,
        Limits limits) {
    public Attachment {
        Objects.requireNonNull(imagePath, "imagePath");
        if (!imagePath.startsWith("/")) {
            throw new IllegalArgumentException("image path must be absolute: " + imagePath);
        }
        matches = List.copyOf(matches);
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("matches must not be empty for " + imagePath);
        }
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(limits, "limits");
    }

    /** An attachment without limits. */
    public Attachment(
            String imagePath, List<String> matches, String profile, boolean runtime, boolean enable, boolean start) {
        this(imagePath, matches, profile, runtime, enable, start, Limits.NONE);
    }
}

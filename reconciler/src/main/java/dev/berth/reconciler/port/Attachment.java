package dev.berth.reconciler.port;

import java.util.List;
import java.util.Objects;

/**
 * How to attach one image: what portablectl attach takes, plus whether to enable and start its units.
 *
 * @param imagePath absolute path of the image as the host sees it
 * @param matches unit prefixes; never empty (an empty list would attach every unit in the image)
 */
public record Attachment(
        String imagePath, List<String> matches, String profile, boolean runtime, boolean enable, boolean start) {
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
    }
}

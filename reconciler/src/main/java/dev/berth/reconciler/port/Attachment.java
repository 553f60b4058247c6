package dev.berth.reconciler.port;

import dev.berth.model.Limits;
import dev.berth.model.host.ImageFileName;
import java.util.List;
import java.util.Objects;

/**
 * How to attach one image: what portablectl attach takes, plus whether to enable and start its units.
 *
 * @param imagePath absolute path of the image as the host sees it; the base image when extensions are layered on
 *     it
 * @param matches unit prefixes; never empty (an empty list would attach every unit in the image)
 * @param limits written as a drop-in next to each attached service unit before any of them starts
 * @param extensions absolute paths of the extension images layered on the base, in order ({@code portablectl attach
 *     --extension}); empty for a plain image
 */
public record Attachment(
        String imagePath,
        List<String> matches,
        String profile,
        boolean runtime,
        boolean enable,
        boolean start,
        Limits limits,
        List<String> extensions) {
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
        extensions = List.copyOf(extensions);
        for (String extension : extensions) {
            if (!extension.startsWith("/")) {
                throw new IllegalArgumentException("extension path must be absolute: " + extension);
            }
        }
    }

    /** A plain image without limits. */
    public Attachment(
            String imagePath, List<String> matches, String profile, boolean runtime, boolean enable, boolean start) {
        this(imagePath, matches, profile, runtime, enable, start, Limits.NONE, List.of());
    }

    /** A plain image with limits. */
    public Attachment(
            String imagePath,
            List<String> matches,
            String profile,
            boolean runtime,
            boolean enable,
            boolean start,
            Limits limits) {
        this(imagePath, matches, profile, runtime, enable, start, limits, List.of());
    }

    /** An image with extensions, without limits. */
    public Attachment(
            String imagePath,
            List<String> matches,
            String profile,
            boolean runtime,
            boolean enable,
            boolean start,
            List<String> extensions) {
        this(imagePath, matches, profile, runtime, enable, start, Limits.NONE, extensions);
    }

    /** The name the attached image will go by: its last extension's, or its own without extensions. */
    public String name() {
        return ImageFileName.of(extensions.isEmpty() ? imagePath : extensions.get(extensions.size() - 1))
                .name();
    }

    /** "/var/lib/portables/base_1.raw with /var/lib/portables/app_2.0.raw", as messages name it. */
    public String describe() {
        return extensions.isEmpty() ? imagePath : imagePath + " with " + String.join(", ", extensions);
    }
}

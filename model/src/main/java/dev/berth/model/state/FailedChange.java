package dev.berth.model.state;

import dev.berth.model.Action;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import java.time.Instant;
import java.util.Objects;

/**
 * A change to one image that failed in a way retrying cannot fix (a bad hash, a health check, a refusal). It is
 * not tried again until the image's manifest entry changes.
 *
 * @param fingerprint {@link ImageSpec#fingerprint()} of the entry that failed
 * @param undone what the image was put back to
 */
public record FailedChange(
        String image,
        String version,
        String profile,
        Sha256 fingerprint,
        Action action,
        Reason reason,
        String message,
        Instant at,
        Undone undone) {
    public FailedChange {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(undone, "undone");
    }

    public static FailedChange of(
            ImageSpec spec, Action action, Reason reason, String message, Instant at, Undone undone) {
        return new FailedChange(
                spec.name(), spec.version(), spec.profile(), spec.fingerprint(), action, reason, message, at, undone);
    }

    /** True while the manifest still asks for exactly what failed. */
    public boolean holds(ImageSpec spec) {
        return spec.name().equals(image) && spec.fingerprint().equals(fingerprint);
    }
}

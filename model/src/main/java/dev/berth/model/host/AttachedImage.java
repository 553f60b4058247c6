package dev.berth.model.host;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image portabled has attached, as read from its units: the path their RootImage or RootDirectory points
 * at is the truth about the version (portabled's own image state ignores versions).
 *
 * @param imagePath the image as the host sees it, e.g. /var/lib/portables/hello_1.0.raw
 * @param profile the profile its units were attached with, when the host shows it
 */
public record AttachedImage(String imagePath, Optional<String> profile, PortableState state, List<UnitStatus> units) {
    public AttachedImage {
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(state, "state");
        units = List.copyOf(units);
    }

    public String name() {
        return ImageFileName.of(imagePath).name();
    }

    public Optional<String> version() {
        return ImageFileName.of(imagePath).version();
    }

    public boolean runtime() {
        return state.isRuntime();
    }

    /** "hello 1.0", or "hello" when the file name carries no version. */
    public String label() {
        return version().map(v -> name() + " " + v).orElse(name());
    }

    public List<String> unitNames() {
        return units.stream().map(UnitStatus::name).toList();
    }
}

package dev.berth.model.host;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image portabled has attached, as read from its units: the path their RootImage or RootDirectory points
 * at is the truth about the version (portabled's own image state ignores versions).
 *
 * <p>A base image with extension images layered on it ({@code portablectl attach --extension}) is one attachment
 * per extension list: its units come from the extensions and name the base in RootImage and the extensions in
 * ExtensionImages. It is named and versioned by its last extension, which is where its units come from.
 *
 * @param imagePath the image as the host sees it, e.g. /var/lib/portables/hello_1.0.raw; the base image when
 *     extensions are layered on it
 * @param profile the profile its units were attached with, when the host shows it
 * @param extensions the extension images layered on it, in order, as the host sees them; empty for a plain image
 */
public record AttachedImage(
        String imagePath,
        Optional<String> profile,
        PortableState state,
        List<UnitStatus> units,
        List<String> extensions) {
    public AttachedImage {
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(state, "state");
        units = List.copyOf(units);
        extensions = List.copyOf(extensions);
    }

    /** A plain image, without extensions. */
    public AttachedImage(String imagePath, Optional<String> profile, PortableState state, List<UnitStatus> units) {
        this(imagePath, profile, state, units, List.of());
    }

    /** The last extension, when there are extensions; otherwise the image itself. */
    private ImageFileName named() {
        return ImageFileName.of(extensions.isEmpty() ? imagePath : extensions.get(extensions.size() - 1));
    }

    public String name() {
        return named().name();
    }

    public Optional<String> version() {
        return named().version();
    }

    /** The image the units run on: the image itself, or the base under the extensions. */
    public ImageFileName base() {
        return ImageFileName.of(imagePath);
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

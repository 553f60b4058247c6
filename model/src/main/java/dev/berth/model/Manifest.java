package dev.berth.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The desired state of one host: the images it should run.
 *
 * @param source what the manifest was read from (a file, or a repository and revision), for messages
 */
public record Manifest(List<ImageSpec> images, String source) {
    public static final String API_VERSION = "berth.dev/v1";
    public static final String KIND = "Manifest";

    public Manifest {
        images = List.copyOf(images);
        Objects.requireNonNull(source, "source");
        long distinct = images.stream().map(ImageSpec::name).distinct().count();
        if (distinct != images.size()) {
            throw new IllegalArgumentException("image names must be unique in " + source);
        }
    }

    public Optional<ImageSpec> image(String name) {
        return images.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}

package dev.berth.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The desired state of one host: the images it should run.
 *
 * @param source what the manifest was read from (a file, or a repository and revision), for messages
 * @param provenance who wrote it: the host's administrator, or a repository's committers
 */
public record Manifest(List<ImageSpec> images, String source, Provenance provenance) {
    public static final String API_VERSION = "berth.dev/v1";
    public static final String KIND = "Manifest";

    public Manifest {
        images = List.copyOf(images);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(provenance, "provenance");
        long distinct = images.stream().map(ImageSpec::name).distinct().count();
        if (distinct != images.size()) {
            throw new IllegalArgumentException("image names must be unique in " + source);
        }
    }

    /** A manifest written on this host. */
    public Manifest(List<ImageSpec> images, String source) {
        this(images, source, Provenance.HOST);
    }

    /** The same manifest, said to come from {@code from}. */
    public Manifest from(Provenance from) {
        return new Manifest(images, source, from);
    }

    /** The same manifest with these images, e.g. with their digests resolved. */
    public Manifest withImages(List<ImageSpec> replaced) {
        return new Manifest(replaced, source, provenance);
    }

    public Optional<ImageSpec> image(String name) {
        return images.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}

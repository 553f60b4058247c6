package dev.berth.model;

import dev.berth.model.fleet.Rollout;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The desired state of one host: the images it should run.
 *
 * @param source what the manifest was read from (a file, or a repository and revision), for messages
 * @param provenance who wrote it: the host's administrator, or a repository's committers
 * @param rollouts how a new version of an image reaches the fleet, by image name; an image without one moves at
 *     once. Not part of an image's {@link ImageSpec#fingerprint()}: pacing a version differently is not a new one.
 */
public record Manifest(List<ImageSpec> images, String source, Provenance provenance, Map<String, Rollout> rollouts) {
    public static final String API_VERSION = "berth.dev/v1";
    public static final String KIND = "Manifest";

    public Manifest {
        images = List.copyOf(images);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(provenance, "provenance");
        rollouts = Map.copyOf(rollouts);
        long distinct = images.stream().map(ImageSpec::name).distinct().count();
        if (distinct != images.size()) {
            throw new IllegalArgumentException("image names must be unique in " + source);
        }
        for (String image : rollouts.keySet()) {
            if (images.stream().noneMatch(i -> i.name().equals(image))) {
                throw new IllegalArgumentException("a rollout for " + image + ", which " + source + " does not list");
            }
        }
    }

    /** A manifest whose images move at once. */
    public Manifest(List<ImageSpec> images, String source, Provenance provenance) {
        this(images, source, provenance, Map.of());
    }

    /** A manifest written on this host. */
    public Manifest(List<ImageSpec> images, String source) {
        this(images, source, Provenance.HOST);
    }

    /** The same manifest, said to come from {@code from}. */
    public Manifest from(Provenance from) {
        return new Manifest(images, source, from, rollouts);
    }

    /** The same manifest with these images, e.g. with their digests resolved. */
    public Manifest withImages(List<ImageSpec> replaced) {
        return new Manifest(replaced, source, provenance, rollouts);
    }

    public Optional<ImageSpec> image(String name) {
        return images.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** How a new version of {@code image} rolls out; empty when it moves at once. */
    public Optional<Rollout> rollout(String image) {
        return Optional.ofNullable(rollouts.get(image));
    }
}

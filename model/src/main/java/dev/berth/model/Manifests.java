package dev.berth.model;

import dev.berth.model.fleet.Rollout;
import dev.berth.model.yaml.Position;
import dev.berth.model.yaml.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Joins the manifests of several files (a directory of manifests) into one desired state. An image name may be
 * declared once across all of them: a second declaration is a mistake a person must resolve, never a silent
 * override, because which file wins would depend on file names.
 */
public final class Manifests {
    private Manifests() {}

    /** The images of every part, in order; the source names every part's source. */
    public static Manifest merge(List<Manifest> parts) {
        String source = parts.stream().map(Manifest::source).collect(Collectors.joining(", "));
        return merge(parts, source);
    }

    /**
     * The images of every part, in order, as one manifest read from {@code source}.
     *
     * @throws ManifestInvalidException with one problem per image name declared in more than one part, naming
     *     both places
     */
    public static Manifest merge(List<Manifest> parts, String source) {
        Map<String, ImageSpec> byName = new LinkedHashMap<>();
        Map<String, Rollout> rollouts = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Manifest part : parts) {
            for (ImageSpec image : part.images()) {
                ImageSpec earlier = byName.putIfAbsent(image.name(), image);
                if (earlier != null) {
                    problems.add(duplicate(image, earlier));
                }
            }
            rollouts.putAll(part.rollouts());
        }
        if (!problems.isEmpty()) {
            throw new ManifestInvalidException(problems);
        }
        boolean remote = parts.stream().anyMatch(p -> p.provenance() == Provenance.REPOSITORY);
        return new Manifest(
                List.copyOf(byName.values()), source, remote ? Provenance.REPOSITORY : Provenance.HOST, rollouts);
    }

    private static Problem duplicate(ImageSpec image, ImageSpec earlier) {
        Origin at = image.origin();
        return new Problem(
                at.file(),
                new Position(Math.max(at.line(), 1), 1),
                "name",
                "image \"" + image.name() + "\" is already declared in " + earlier.origin()
                        + "; an image name may appear in only one file of the directory");
    }
}

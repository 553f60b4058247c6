package dev.berth.model;

import dev.berth.model.yaml.Position;
import dev.berth.model.yaml.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Joins the manifests of several files (a directory of manifests) into one fleet's desired state: their entries in
 * file order, the files in the order given. An image name may have entries in several files, as in one file: for
 * each host the first matching entry applies. An entry that can never apply, because an earlier one (perhaps in
 * another file) takes every host it would, is a mistake a person must resolve, never silently ignored.
 */
public final class Manifests {
    private Manifests() {}

    /** The entries of every part, in order; the source names every part's source. */
    public static FleetManifest merge(List<FleetManifest> parts) {
        String source = parts.stream().map(FleetManifest::source).collect(Collectors.joining(", "));
        return merge(parts, source);
    }

    /**
     * The entries of every part, in order, as one manifest read from {@code source}.
     *
     * @throws ManifestInvalidException with one problem per entry that can never apply, naming both places
     */
    public static FleetManifest merge(List<FleetManifest> parts, String source) {
        List<FleetManifest.Entry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (FleetManifest part : parts) {
            for (FleetManifest.Entry entry : part.entries()) {
                Optional<FleetManifest.Entry> earlier = FleetManifest.shadowing(entries, entry);
                if (earlier.isPresent()) {
                    problems.add(unreachable(entry, earlier.get()));
                } else {
                    entries.add(entry);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ManifestInvalidException(problems);
        }
        boolean remote = parts.stream().anyMatch(p -> p.provenance() == Provenance.REPOSITORY);
        return new FleetManifest(entries, source, remote ? Provenance.REPOSITORY : Provenance.HOST);
    }

    private static Problem unreachable(FleetManifest.Entry entry, FleetManifest.Entry earlier) {
        Origin at = entry.spec().origin();
        return new Problem(
                at.file(),
                new Position(Math.max(at.line(), 1), 1),
                entry.hosts().isAny() ? "name" : "hosts",
                entry.unreachableAfter(earlier));
    }
}

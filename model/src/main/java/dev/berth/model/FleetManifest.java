package dev.berth.model;

import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.fleet.HostSelector;
import dev.berth.model.fleet.Rollout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The desired state of a whole fleet, as a file or repository declares it: image entries in file order, each meant
 * for the hosts its selector matches. An image name may have several entries; for each host the first entry whose
 * selector matches applies and the rest are ignored, so a site can pin one version while the others take the next.
 * What one host runs is {@link #forHost}.
 *
 * @param source what the entries were read from, for messages
 * @param provenance who wrote them: the host's administrator, or a repository's committers
 */
public record FleetManifest(List<Entry> entries, String source, Provenance provenance) {
    /**
     * One image entry and the hosts it is for.
     *
     * @param hosts {@link HostSelector#ANY} when the entry has no {@code hosts:}
     * @param rollout how a new version of the entry reaches its hosts; empty: at once
     */
    public record Entry(ImageSpec spec, HostSelector hosts, Optional<Rollout> rollout) {
        public Entry {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(hosts, "hosts");
            Objects.requireNonNull(rollout, "rollout");
        }

        /** An entry for the hosts {@code hosts} matches, that moves at once. */
        public Entry(ImageSpec spec, HostSelector hosts) {
            this(spec, hosts, Optional.empty());
        }

        /** An entry for every host. */
        public Entry(ImageSpec spec) {
            this(spec, HostSelector.ANY);
        }

        public String name() {
            return spec.name();
        }

        /**
         * True when this entry can never apply after {@code earlier}: the same image, and the earlier entry takes
         * every host this one would (it has no selector, or the same one).
         */
        public boolean shadowedBy(Entry earlier) {
            return earlier.name().equals(name())
                    && (earlier.hosts().isAny() || earlier.hosts().sameAs(hosts));
        }

        /** Why this entry can never apply after {@code earlier}, naming both places and what to do. */
        public String unreachableAfter(Entry earlier) {
            String why;
            if (earlier.hosts().sameAs(HostSelector.ANY)) {
                why = "has no hosts: selector, so it applies to every host first; give that entry a hosts: selector";
            } else if (earlier.hosts().isAny()) {
                why = "selects every host (names: \"*\") and comes first; narrow that entry's hosts: selector";
            } else {
                why = "has the same hosts: selector and comes first; change one of the two selectors";
            }
            return "this entry for image \"" + name() + "\" (" + spec.origin() + ") can never apply: the entry at "
                    + earlier.spec().origin() + " " + why + ", or remove this one";
        }
    }

    public FleetManifest {
        entries = List.copyOf(entries);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(provenance, "provenance");
        for (int i = 0; i < entries.size(); i++) {
            Optional<Entry> earlier = shadowing(entries.subList(0, i), entries.get(i));
            if (earlier.isPresent()) {
                throw new IllegalArgumentException(entries.get(i).unreachableAfter(earlier.get()));
            }
        }
    }

    /** Entries written on this host. */
    public FleetManifest(List<Entry> entries, String source) {
        this(entries, source, Provenance.HOST);
    }

    /** The first of {@code earlier} that makes {@code entry} unreachable, if any. */
    public static Optional<Entry> shadowing(List<Entry> earlier, Entry entry) {
        return earlier.stream().filter(entry::shadowedBy).findFirst();
    }

    /** The same entries, said to come from {@code from}. */
    public FleetManifest from(Provenance from) {
        return new FleetManifest(entries, source, from);
    }

    /** The desired state of {@code host}: for each image name, the first entry whose selector matches it. */
    public Manifest forHost(HostIdentity host) {
        Map<String, Entry> chosen = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry.hosts().matches(host)) {
                chosen.putIfAbsent(entry.name(), entry);
            }
        }
        Map<String, Rollout> rollouts = new LinkedHashMap<>();
        chosen.values().forEach(e -> e.rollout().ifPresent(r -> rollouts.put(e.name(), r)));
        return new Manifest(chosen.values().stream().map(Entry::spec).toList(), source, provenance, rollouts);
    }

    /** Every entry's image in file order; a name repeats when it has several entries. */
    public List<ImageSpec> images() {
        return entries.stream().map(Entry::spec).toList();
    }

    /** The image names, each once, in the order they first appear. */
    public List<String> names() {
        return entries.stream().map(Entry::name).distinct().toList();
    }
}

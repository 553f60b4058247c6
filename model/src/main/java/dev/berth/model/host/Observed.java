package dev.berth.model.host;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the planner knows about the host: the attached images, the pool's files, the profiles portabled
 * offers, and Berth's limits drop-ins of the attached units.
 *
 * @param limitDropIns the text of each attached unit's {@code 50-berth-limits.conf}, by unit; a unit without one is
 *     not a key
 */
public record Observed(
        List<AttachedImage> attached, List<PoolFile> pool, Set<String> profiles, Map<String, String> limitDropIns) {
    /** The profiles systemd ships; hosts may add more. */
    public static final Set<String> SHIPPED_PROFILES = Set.of("default", "nonetwork", "strict", "trusted");

    public Observed {
        attached = List.copyOf(attached);
        pool = List.copyOf(pool);
        profiles = Set.copyOf(profiles);
        limitDropIns = Map.copyOf(limitDropIns);
    }

    /** A host without limits drop-ins. */
    public Observed(List<AttachedImage> attached, List<PoolFile> pool, Set<String> profiles) {
        this(attached, pool, profiles, Map.of());
    }

    public Observed(List<AttachedImage> attached, List<PoolFile> pool) {
        this(attached, pool, SHIPPED_PROFILES);
    }

    public static Observed empty() {
        return new Observed(List.of(), List.of());
    }

    public List<AttachedImage> attachedNamed(String name) {
        return attached.stream().filter(a -> a.name().equals(name)).toList();
    }

    /** The text of {@code unit}'s limits drop-in, if it has one. */
    public Optional<String> limitDropIn(String unit) {
        return Optional.ofNullable(limitDropIns.get(unit));
    }

    public Optional<PoolFile> poolFile(String path) {
        return pool.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}

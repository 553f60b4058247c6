package dev.berth.model.host;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the planner knows about the host: the attached images, the pool's files and the profiles portabled
 * offers.
 */
public record Observed(List<AttachedImage> attached, List<PoolFile> pool, Set<String> profiles) {
    /** The profiles systemd ships; hosts may add more. */
    public static final Set<String> SHIPPED_PROFILES = Set.of("default", "nonetwork", "strict", "trusted");

    public Observed {
        attached = List.copyOf(attached);
        pool = List.copyOf(pool);
        profiles = Set.copyOf(profiles);
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

    public Optional<PoolFile> poolFile(String path) {
        return pool.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}

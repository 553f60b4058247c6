package dev.berth.model.host;

import java.util.List;
import java.util.Optional;

/** Everything the planner knows about the host: the attached images and the pool's files. */
public record Observed(List<AttachedImage> attached, List<PoolFile> pool) {
    public Observed {
        attached = List.copyOf(attached);
        pool = List.copyOf(pool);
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

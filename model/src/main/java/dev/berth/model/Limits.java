package dev.berth.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Resource and network limits an entry sets on its image's services, written by Berth as a drop-in next to the
 * attached units. Only the properties {@link Limit} names can be set: none of them changes who a service runs as
 * or what it can reach on the file system.
 *
 * @param values the value of each limit set, as systemd spells it in a unit file
 */
public record Limits(Map<Limit, String> values) {
    public static final Limits NONE = new Limits(Map.of());

    public Limits {
        Objects.requireNonNull(values, "values");
        EnumMap<Limit, String> copy = new EnumMap<>(Limit.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The limits by systemd property name, in a stable order, as a drop-in lists them. */
    public SortedMap<String, String> byProperty() {
        SortedMap<String, String> out = new TreeMap<>();
        values.forEach((limit, value) -> out.put(limit.property(), value));
        return out;
    }
}

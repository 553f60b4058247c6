package dev.berth.model.fleet;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Who this host is, as manifests target it.
 *
 * @param name the host name selectors match (the configured {@code host.name}, by default the hostname)
 * @param labels the configured {@code host.labels}
 * @param machineId the 32 hex digits of /etc/machine-id: it places the host in percent waves, and is stable across
 *     renames
 */
public record HostIdentity(String name, Map<String, String> labels, String machineId) {
    public HostIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(machineId, "machineId");
        labels = Map.copyOf(new TreeMap<>(labels));
    }

    /** "web-1 (role=web, site=fra1)", or the name alone when the host has no labels. */
    public String describe() {
        return labels.isEmpty() ? name : name + " (" + describe(labels) + ")";
    }

    /** "role=web, site=fra1": labels sorted by key. */
    public static String describe(Map<String, String> labels) {
        return new TreeMap<>(labels)
                .entrySet().stream().map(l -> l.getKey() + "=" + l.getValue()).collect(Collectors.joining(", "));
    }
}

package dev.berth.agent.config;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who this host is, as its configuration says ({@code host:}): the name manifests' selectors match, and its labels.
 *
 * @param name empty: the hostname
 * @param labels such as role=web or site=fra1, matched by {@code hosts.labels} in manifests
 */
public record HostSettings(Optional<String> name, Map<String, String> labels) {
    /** The hostname, no labels. */
    public static final HostSettings DEFAULT = new HostSettings(Optional.empty(), Map.of());

    public HostSettings {
        Objects.requireNonNull(name, "name");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}

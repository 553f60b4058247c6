package dev.berth.model.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which hosts a manifest entry or a rollout wave is for: a host matches when its name matches any of the globs
 * (or there are none) and it carries every label with the given value.
 *
 * @param names host name globs: {@code *} stands for any run of characters, {@code ?} for one
 */
public record HostSelector(List<String> names, Map<String, String> labels) {
    /** Every host. */
    public static final HostSelector ANY = new HostSelector(List.of(), Map.of());

    public HostSelector {
        names = List.copyOf(names);
        labels = Map.copyOf(labels);
    }

    public boolean matches(HostIdentity host) {
        boolean named = names.isEmpty()
                || names.stream()
                        .anyMatch(glob -> glob(glob).matcher(host.name()).matches());
        return named
                && labels.entrySet().stream()
                        .allMatch(l -> l.getValue().equals(host.labels().get(l.getKey())));
    }

    /** True when it selects every host: no labels, and no names or a name glob of just {@code *}. */
    public boolean isAny() {
        return labels.isEmpty() && (names.isEmpty() || names.contains("*"));
    }

    /** True when both select the same hosts by the same words: the same globs, in any order, and labels. */
    public boolean sameAs(HostSelector other) {
        return Set.copyOf(names).equals(Set.copyOf(other.names)) && labels.equals(other.labels);
    }

    /** "names web-*, edge-fra1; labels role=web", or "every host", for messages and reviews. */
    public String describe() {
        if (isAny()) {
            return "every host";
        }
        List<String> parts = new ArrayList<>();
        if (!names.isEmpty()) {
            parts.add("names " + String.join(", ", names));
        }
        if (!labels.isEmpty()) {
            parts.add("labels " + HostIdentity.describe(labels));
        }
        return String.join("; ", parts);
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}

package dev.berth.model;

import dev.berth.model.fleet.HostSelector;
import dev.berth.model.yaml.Fields;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a host selector ({@code {names: [GLOB, ...], labels: {KEY: VALUE, ...}}}) strictly. A selector written
 * empty, or with a key and no value, is a mistake that would otherwise select every host: it is refused.
 */
final class HostSelectors {
    static final Set<String> FIELDS = Set.of("names", "labels");

    private HostSelectors() {}

    /**
     * The selector under {@code key}: {@link HostSelector#ANY} when the key is not written, empty (with the
     * problems reported) when it is wrong.
     */
    static Optional<HostSelector> read(Fields parent, String key) {
        if (!parent.has(key)) {
            if (parent.declared(key)) {
                parent.problems()
                        .add(
                                parent.keyPositionOf(key),
                                parent.path(key),
                                "has no value (leave " + key + " out for every host)");
                return Optional.empty();
            }
            return Optional.of(HostSelector.ANY);
        }
        return parent.fields(key).flatMap(h -> selector(h, parent.path(key), key));
    }

    private static Optional<HostSelector> selector(Fields h, String path, String key) {
        int before = h.problems().count();
        h.rejectUnknown(FIELDS);
        List<String> names =
                h.textList("names", Names.HOST_GLOB, Names.HOST_GLOB_RULE).orElse(List.of());
        Map<String, String> labels = h.textMap(
                        "labels", Names.LABEL_KEY, Names.LABEL_KEY_RULE, Names.LABEL_VALUE, Names.LABEL_VALUE_RULE)
                .orElse(Map.of());
        if (h.problems().count() > before) {
            return Optional.empty();
        }
        if (h.has("names") && names.isEmpty()) {
            h.problems()
                    .add(
                            h.positionOf("names"),
                            h.path("names"),
                            "must name at least one host (leave names out to select by labels alone)");
            return Optional.empty();
        }
        if (names.isEmpty() && labels.isEmpty()) {
            h.problems()
                    .add(
                            h.position(),
                            path,
                            "must give names or labels to select hosts (leave " + key + " out for every host)");
            return Optional.empty();
        }
        return Optional.of(new HostSelector(names, labels));
    }
}

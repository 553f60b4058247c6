package dev.berth.model.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Strict reading of one YAML mapping: every wrong type, missing key and unknown key becomes a problem with
 * its position, and reading goes on so that all problems are reported together.
 */
public final class Fields {
    private final YamlNode.Mapping mapping;
    private final String path;
    private final Problems problems;

    private Fields(YamlNode.Mapping mapping, String path, Problems problems) {
        this.mapping = mapping;
        this.path = path;
        this.problems = problems;
    }

    /** Fields of {@code node}, or empty (with a problem) when it is not a mapping. */
    public static Optional<Fields> of(YamlNode node, String path, Problems problems) {
        if (node instanceof YamlNode.Mapping m) {
            return Optional.of(new Fields(m, path, problems));
        }
        problems.add(node.position(), path, "must be a mapping of keys to values, got " + node.describe());
        return Optional.empty();
    }

    public Position position() {
        return mapping.position();
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public Problems problems() {
        return problems;
    }

    public boolean has(String key) {
        YamlNode.Entry entry = mapping.entries().get(key);
        return entry != null && !isNull(entry.value());
    }

    /** True when {@code key} is written, even without a value. */
    public boolean declared(String key) {
        return mapping.entries().containsKey(key);
    }

    /** The raw node under {@code key}, if present and not null. */
    public Optional<YamlNode> node(String key) {
        YamlNode.Entry entry = mapping.entries().get(key);
        return entry == null || isNull(entry.value()) ? Optional.empty() : Optional.of(entry.value());
    }

    /** Reports a missing key at the mapping's position; returns whether the key is there. */
    public boolean require(String key) {
        if (has(key)) {
            return true;
        }
        YamlNode.Entry empty = mapping.entries().get(key);
        if (empty != null) {
            problems.add(empty.keyPosition(), path(key), "has no value");
        } else {
            problems.add(mapping.position(), path(key), "is required");
        }
        return false;
    }

    /** The text under {@code key} (numbers and booleans as written), or empty when absent or not a scalar. */
    public Optional<String> text(String key) {
        return node(key).flatMap(node -> {
            if (node instanceof YamlNode.Scalar s) {
                return Optional.of(s.text());
            }
            problems.add(node.position(), path(key), "must be a single value, got " + node.describe());
            return Optional.empty();
        });
    }

    public Optional<String> requiredText(String key) {
        return require(key) ? text(key) : Optional.empty();
    }

    /** The text under {@code key} if it matches {@code rule}; otherwise a problem saying {@code expectation}. */
    public Optional<String> text(String key, Pattern rule, String expectation) {
        return checked(key, text(key), rule.asMatchPredicate(), expectation);
    }

    public Optional<String> checked(String key, Optional<String> value, Predicate<String> rule, String expectation) {
        if (value.isPresent() && !rule.test(value.get())) {
            problems.add(positionOf(key), path(key), expectation + ", got \"" + value.get() + "\"");
            return Optional.empty();
        }
        return value;
    }

    /** A duration such as "10s" under {@code key}. */
    public Optional<Duration> duration(String key) {
        return text(key).flatMap(t -> {
            Optional<Duration> d = Durations.parse(t);
            if (d.isEmpty()) {
                problems.add(positionOf(key), path(key), Durations.RULE + ", got \"" + t + "\"");
            }
            return d;
        });
    }

    public boolean bool(String key, boolean fallback) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return fallback;
        }
        if (node.get() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.BOOLEAN) {
            return Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT));
        }
        problems.add(
                node.get().position(),
                path(key),
                "must be true or false, got " + node.get().describe());
        return fallback;
    }

    /** A list of texts; each item failing {@code rule} is reported with its own position. */
    public Optional<List<String>> textList(String key, Pattern rule, String expectation) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!(node.get() instanceof YamlNode.Sequence seq)) {
            problems.add(
                    node.get().position(),
                    path(key),
                    "must be a list, got " + node.get().describe());
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            String itemPath = path(key) + "[" + i + "]";
            if (item instanceof YamlNode.Scalar s && s.kind() != YamlNode.Scalar.Kind.NULL) {
                if (rule.matcher(s.text()).matches()) {
                    values.add(s.text());
                } else {
                    problems.add(item.position(), itemPath, expectation + ", got \"" + s.text() + "\"");
                }
            } else {
                problems.add(item.position(), itemPath, "must be a single value, got " + item.describe());
            }
        }
        return Optional.of(values);
    }

    /**
     * A mapping of texts to texts, in file order; each key failing {@code keyRule} and each value failing
     * {@code valueRule} is reported with its own position.
     */
    public Optional<Map<String, String>> textMap(
            String key, Pattern keyRule, String keyExpectation, Pattern valueRule, String valueExpectation) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!(node.get() instanceof YamlNode.Mapping map)) {
            problems.add(
                    node.get().position(),
                    path(key),
                    "must be a mapping of keys to values, got " + node.get().describe());
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        map.entries().forEach((name, entry) -> {
            String entryPath = path(key) + "." + name;
            YamlNode value = entry.value();
            if (!keyRule.matcher(name).matches()) {
                problems.add(entry.keyPosition(), entryPath, keyExpectation + ", got \"" + name + "\"");
            } else if (isNull(value)) {
                problems.add(entry.keyPosition(), entryPath, "has no value");
            } else if (!(value instanceof YamlNode.Scalar s)) {
                problems.add(value.position(), entryPath, "must be a single value, got " + value.describe());
            } else if (!valueRule.matcher(s.text()).matches()) {
                problems.add(value.position(), entryPath, valueExpectation + ", got \"" + s.text() + "\"");
            } else {
                values.put(name, s.text());
            }
        });
        return Optional.of(values);
    }

    /** The list under {@code key}, or empty (with a problem) when it is something else. */
    public Optional<List<YamlNode>> list(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isPresent() && !(node.get() instanceof YamlNode.Sequence)) {
            problems.add(
                    node.get().position(),
                    path(key),
                    "must be a list, got " + node.get().describe());
            return Optional.empty();
        }
        return node.map(n -> ((YamlNode.Sequence) n).items());
    }

    /** The mapping under {@code key}. */
    public Optional<Fields> fields(String key) {
        return node(key).flatMap(n -> Fields.of(n, path(key), problems));
    }

    /** Where {@code key} itself is written (its value may be missing), else where the mapping starts. */
    public Position keyPositionOf(String key) {
        YamlNode.Entry entry = mapping.entries().get(key);
        return entry == null ? mapping.position() : entry.keyPosition();
    }

    public Position positionOf(String key) {
        YamlNode.Entry entry = mapping.entries().get(key);
        return entry == null ? mapping.position() : entry.value().position();
    }

    /** Reports every key not in {@code known}, suggesting the closest known one. */
    public void rejectUnknown(Set<String> known) {
        mapping.entries().forEach((key, entry) -> {
            if (!known.contains(key)) {
                String hint = closest(key, known)
                        .map(k -> " (did you mean \"" + k + "\"?)")
                        .orElse(" (known fields: " + String.join(", ", new TreeSet<>(known)) + ")");
                problems.add(entry.keyPosition(), path(key), "unknown field" + hint);
            }
        });
    }

    private static Optional<String> closest(String key, Set<String> known) {
        return known.stream()
                .filter(k -> distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT)) <= 2)
                .min(Comparator.comparingInt((String k) -> distance(k, key)).thenComparing(k -> k));
    }

    /** Levenshtein distance; the keys are short. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.NULL;
    }
}

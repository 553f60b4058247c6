package dev.berth.model.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed YAML value that remembers where it came from. */
public sealed interface YamlNode {
    Position position();

    /** What this node is, in words for an error message ("a list", "the text \"x\""). */
    String describe();

    /** A mapping, keys in file order. Duplicate keys are rejected by the parser. */
    record Mapping(Position position, Map<String, Entry> entries) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping, with the position of the key itself. */
    record Entry(Position keyPosition, YamlNode value) {}

    record Sequence(Position position, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar as written in the file; {@code kind} is how YAML resolved it. */
    record Scalar(Position position, String text, Kind kind) implements YamlNode {
        public enum Kind {
            STRING,
            NUMBER,
            BOOLEAN,
            NULL
        }

        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "an empty value";
                case STRING -> "the text \"" + text + "\"";
                default -> text;
            };
        }
    }
}

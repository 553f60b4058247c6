package dev.berth.model.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Small builders for JSON Schema (draft 2020-12) nodes. Scalars the parsers read as text take strings and numbers
 * (the parsers read {@code version: 1.0} as written); patterns are the parsers' own, anchored as they match.
 */
public final class JsonSchema {
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSchema() {}

    /** The root of a schema document. */
    public static SchemaNode document(String id, String title, SchemaNode root) {
        ObjectNode doc = NODES.objectNode();
        doc.put("$schema", DIALECT);
        doc.put("$id", id);
        doc.put("title", title);
        doc.setAll(root.json());
        return new SchemaNode(doc);
    }

    /**
     * A mapping taking exactly the fields {@code accepted} by its parser, each described in {@code properties};
     * fails, naming the field, when the two differ, so a field the parser learns cannot be left out of the schema.
     */
    public static SchemaNode object(
            String description, Set<String> accepted, Map<String, SchemaNode> properties, String... required) {
        if (!accepted.equals(properties.keySet())) {
            Set<String> undescribed = new TreeSet<>(accepted);
            undescribed.removeAll(properties.keySet());
            Set<String> unknown = new TreeSet<>(properties.keySet());
            unknown.removeAll(accepted);
            throw new IllegalStateException("the schema of \"" + description + "\" must describe exactly the fields"
                    + " its parser accepts: accepted but not described " + undescribed
                    + ", described but not accepted " + unknown);
        }
        ObjectNode node = described("object", description);
        ObjectNode props = node.putObject("properties");
        properties.forEach((k, v) -> props.set(k, v.json()));
        if (required.length > 0) {
            ArrayNode names = node.putArray("required");
            List.of(required).forEach(names::add);
        }
        node.put("additionalProperties", false);
        return new SchemaNode(node);
    }

    /** A single value, read as text. */
    public static SchemaNode text(String description) {
        ObjectNode node = NODES.objectNode();
        node.put("description", description);
        node.putArray("type").add("string").add("number");
        return new SchemaNode(node);
    }

    /** A single value that must match {@code rule} as a whole. */
    public static SchemaNode text(String description, Pattern rule) {
        SchemaNode node = text(description);
        node.json().put("pattern", anchored(rule));
        return node;
    }

    /** A single value that must be a string matching {@code rule}: one a YAML number can never be, such as 10s. */
    public static SchemaNode word(String description, Pattern rule) {
        return new SchemaNode(described("string", description).put("pattern", anchored(rule)));
    }

    /** Exactly {@code value}. */
    public static SchemaNode constant(String description, String value) {
        return new SchemaNode(described("string", description).put("const", value));
    }

    /** One of {@code words}. */
    public static SchemaNode oneWord(String description, List<String> words) {
        ObjectNode node = described("string", description);
        ArrayNode values = node.putArray("enum");
        words.forEach(values::add);
        return new SchemaNode(node);
    }

    public static SchemaNode bool(String description) {
        return new SchemaNode(described("boolean", description));
    }

    /**
     * A whole number from {@code minimum} to {@code maximum}, or the same in quotes: a string matching
     * {@code asText} (the parsers read both as text; a string's range is left to them).
     */
    public static SchemaNode integer(String description, int minimum, int maximum, Pattern asText) {
        ObjectNode node = NODES.objectNode();
        node.put("description", description);
        node.putArray("type").add("integer").add("string");
        node.put("minimum", minimum).put("maximum", maximum).put("pattern", anchored(asText));
        return new SchemaNode(node);
    }

    /** A list of at least {@code minItems} {@code items}. */
    public static SchemaNode list(String description, SchemaNode items, int minItems) {
        ObjectNode node = described("array", description);
        node.set("items", items.json());
        if (minItems > 0) {
            node.put("minItems", minItems);
        }
        return new SchemaNode(node);
    }

    /** A mapping of keys matching {@code keys} to {@code values}. */
    public static SchemaNode map(String description, Pattern keys, SchemaNode values) {
        ObjectNode node = described("object", description);
        node.putObject("propertyNames").put("pattern", anchored(keys));
        node.set("additionalProperties", values.json());
        return new SchemaNode(node);
    }

    /** {@code node}, valid only when exactly one of the {@code fields} is written. */
    public static SchemaNode exactlyOne(SchemaNode node, String... fields) {
        ArrayNode oneOf = node.json().putArray("oneOf");
        for (String field : fields) {
            oneOf.addObject().putArray("required").add(field);
        }
        return node;
    }

    /** {@code node}, valid only when at least one field is written. */
    public static SchemaNode notEmpty(SchemaNode node) {
        node.json().put("minProperties", 1);
        return node;
    }

    /** The document as pretty JSON, two spaces, ending in a newline: the form checked in under schemas/. */
    public static String write(SchemaNode doc) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(doc.json()) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code rule} as an ECMA 262 pattern matching whole values: Java's {@code \p{Cntrl}} (ASCII control
     * characters) is spelled out, since editors' validators do not know it.
     */
    static String anchored(Pattern rule) {
        return "^(?:" + rule.pattern().replace("\\p{Cntrl}", "\\x00-\\x1F\\x7F") + ")$";
    }

    private static ObjectNode described(String type, String description) {
        ObjectNode node = NODES.objectNode();
        node.put("description", description);
        node.put("type", type);
        return node;
    }
}

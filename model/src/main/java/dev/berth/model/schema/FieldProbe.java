package dev.berth.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.berth.model.yaml.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares a schema with the parser it describes by asking the parser: at every mapping the schema lists
 * properties for, a document with an unknown field there is parsed, and the fields the parser names as known in
 * its refusal must be the schema's properties. Nothing is copied from the parser's source.
 */
public final class FieldProbe {
    /** A field name no parser knows and none is close to, so the refusal lists every known field. */
    static final String UNKNOWN = "zzqxjvkwzzqxjv";

    private static final String KNOWN = "(known fields: ";

    private FieldProbe() {}

    /**
     * Where the schema and the parser disagree, one line each; empty when they agree everywhere.
     *
     * @param parse the parser: the problems it reports for a document's text, none when it accepts it
     */
    public static List<String> mismatches(SchemaNode schema, Function<String, List<Problem>> parse) {
        List<String> found = new ArrayList<>();
        walk(schema.json(), List.of(), parse, found);
        return found;
    }

    private static void walk(
            JsonNode node, List<Object> location, Function<String, List<Problem>> parse, List<String> found) {
        JsonNode properties = node.path("properties");
        if (properties.isObject()) {
            Set<String> schemaFields = new TreeSet<>();
            properties.fieldNames().forEachRemaining(schemaFields::add);
            probe(location, schemaFields, parse).ifPresent(found::add);
            for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                walk(properties.get(key), append(location, key), parse, found);
            }
        }
        if (node.path("items").isObject()) {
            walk(node.get("items"), append(location, 0), parse, found);
        }
    }

    private static Optional<String> probe(
            List<Object> location, Set<String> schemaFields, Function<String, List<Problem>> parse) {
        String where = path(location);
        String field = where.isEmpty() ? UNKNOWN : where + "." + UNKNOWN;
        List<Problem> problems = parse.apply(document(location).toString());
        Optional<Problem> refusal = problems.stream()
                .filter(p -> p.field().equals(field) && p.message().contains(KNOWN))
                .findFirst();
        if (refusal.isEmpty()) {
            return Optional.of("at " + describe(where) + " the schema lists " + schemaFields
                    + " but the parser did not refuse an unknown field there: " + problems);
        }
        String message = refusal.get().message();
        String list = message.substring(message.indexOf(KNOWN) + KNOWN.length(), message.lastIndexOf(')'));
        Set<String> parserFields = new TreeSet<>(Arrays.asList(list.split(", ")));
        if (parserFields.equals(schemaFields)) {
            return Optional.empty();
        }
        return Optional.of("at " + describe(where) + " the parser accepts " + parserFields + " but the schema lists "
                + schemaFields);
    }

    /** A document holding only the unknown field, at {@code location}. */
    private static JsonNode document(List<Object> location) {
        JsonNode inner = JsonNodeFactory.instance.objectNode().put(UNKNOWN, "x");
        for (int i = location.size() - 1; i >= 0; i--) {
            Object step = location.get(i);
            inner = step instanceof String key
                    ? JsonNodeFactory.instance.objectNode().set(key, inner)
                    : JsonNodeFactory.instance.arrayNode().add(inner);
        }
        return inner;
    }

    /** The path as parsers' problems spell it: images[0].health. */
    private static String path(List<Object> location) {
        StringBuilder path = new StringBuilder();
        for (Object step : location) {
            if (step instanceof String key) {
                path.append(path.length() == 0 ? "" : ".").append(key);
            } else {
                path.append('[').append(step).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(String where) {
        return where.isEmpty() ? "the top level" : where;
    }

    private static List<Object> append(List<Object> location, Object step) {
        List<Object> longer = new ArrayList<>(location);
        longer.add(step);
        return List.copyOf(longer);
    }
}

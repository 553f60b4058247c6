package dev.berth.model.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one YAML document into a {@link YamlNode} tree. Syntax errors, duplicate keys and extra documents
 * become {@link Problem}s with their position instead of exceptions.
 */
public final class YamlReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final Problems problems;

    private YamlReader(Problems problems) {
        this.problems = problems;
    }

    /** The document's root, or empty when it could not be read (the reason is then in {@code problems}). */
    public static Optional<YamlNode> read(String text, Problems problems) {
        if (text.isBlank()) {
            problems.add(Position.START, "", "the file is empty");
            return Optional.empty();
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            YamlReader reader = new YamlReader(problems);
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(Position.START, "", "the file holds no YAML document");
                return Optional.empty();
            }
            YamlNode root = reader.node(parser, "");
            if (parser.nextToken() != null) {
                problems.add(position(parser.currentTokenLocation()), "", "only one YAML document per file is allowed");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(
                    at == null ? Position.START : position(at),
                    "",
                    "not valid YAML: " + firstLine(e.getOriginalMessage()));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(Position.START, "", "could not be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private YamlNode node(JsonParser parser, String path) throws IOException {
        Position at = position(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> mapping(parser, path, at);
            case START_ARRAY -> sequence(parser, path, at);
            case VALUE_STRING -> new YamlNode.Scalar(at, parser.getText(), YamlNode.Scalar.Kind.STRING);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                new YamlNode.Scalar(at, parser.getText(), YamlNode.Scalar.Kind.NUMBER);
            case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(at, parser.getText(), YamlNode.Scalar.Kind.BOOLEAN);
            case VALUE_NULL -> new YamlNode.Scalar(at, "", YamlNode.Scalar.Kind.NULL);
            default -> new YamlNode.Scalar(at, parser.getText(), YamlNode.Scalar.Kind.STRING);
        };
    }

    private YamlNode mapping(JsonParser parser, String path, Position at) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        Map<String, Position> seen = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Position keyAt = position(parser.currentTokenLocation());
            parser.nextToken();
            String childPath = path.isEmpty() ? key : path + "." + key;
            YamlNode value = node(parser, childPath);
            Position first = seen.putIfAbsent(key, keyAt);
            if (first != null) {
                problems.add(keyAt, childPath, "appears twice (first at line " + first.line() + ")");
            } else {
                entries.put(key, new YamlNode.Entry(keyAt, value));
            }
        }
        return new YamlNode.Mapping(at, entries);
    }

    private YamlNode sequence(JsonParser parser, String path, Position at) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser, path + "[" + items.size() + "]"));
        }
        return new YamlNode.Sequence(at, items);
    }

    private static Position position(JsonLocation location) {
        return new Position(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}

package dev.berth.model.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** One node of a JSON Schema, built by {@link JsonSchema}; callers compose nodes without touching JSON. */
public final class SchemaNode {
    private final ObjectNode json;

    SchemaNode(ObjectNode json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /** The node as JSON (a live view: tests edit it to show what a check catches). */
    public ObjectNode json() {
        return json;
    }
}

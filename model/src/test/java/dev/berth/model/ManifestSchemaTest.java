package dev.berth.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.schema.FieldProbe;
import dev.berth.model.schema.JsonSchema;
import dev.berth.model.schema.SchemaFiles;
import dev.berth.model.schema.SchemaNode;
import dev.berth.model.yaml.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestSchemaTest {
    @Test
    void the_checked_in_manifest_schema_is_what_the_parser_generates() {
        assertThat(SchemaFiles.stale(
                        ManifestSchema.FILE,
                        JsonSchema.write(ManifestSchema.document()),
                        "model",
                        "ManifestSchemaTest"))
                .isEmpty();
    }

    @Test
    void every_mapping_of_the_schema_lists_exactly_the_fields_the_parser_accepts_there() {
        assertThat(FieldProbe.mismatches(ManifestSchema.document(), ManifestSchemaTest::problems))
                .isEmpty();
    }

    @Test
    void the_probe_notices_a_field_the_parser_accepts_and_the_schema_lacks() {
        SchemaNode schema = ManifestSchema.document();
        ((ObjectNode) schema.json().at("/properties/images/items/properties")).remove("clean");
        assertThat(FieldProbe.mismatches(schema, ManifestSchemaTest::problems))
                .singleElement()
                .asString()
                .contains("at images[0] the parser accepts")
                .contains("clean");
    }

    private static List<Problem> problems(String text) {
        try {
            ManifestParser.parse(text, "probe.yaml");
            return List.of();
        } catch (ManifestInvalidException e) {
            return e.problems();
        }
    }
}

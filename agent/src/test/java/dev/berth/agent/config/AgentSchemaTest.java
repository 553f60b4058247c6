package dev.berth.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.ManifestInvalidException;
import dev.berth.model.schema.FieldProbe;
import dev.berth.model.schema.JsonSchema;
import dev.berth.model.schema.SchemaFiles;
import dev.berth.model.yaml.Problem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentSchemaTest {
    @Test
    void the_checked_in_agent_schema_is_what_the_settings_parser_generates() {
        assertThat(SchemaFiles.stale(
                        AgentSchema.FILE, JsonSchema.write(AgentSchema.document()), "agent", "AgentSchemaTest"))
                .isEmpty();
    }

    @Test
    void every_mapping_of_the_schema_lists_exactly_the_settings_the_agent_accepts_there() {
        assertThat(FieldProbe.mismatches(AgentSchema.document(), AgentSchemaTest::problems))
                .isEmpty();
    }

    private static List<Problem> problems(String text) {
        try {
            SettingsFile.parse(text, Path.of("probe.yaml"));
            return List.of();
        } catch (ManifestInvalidException e) {
            return e.problems();
        }
    }
}

package dev.berth.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.berth.agent.config.InvalidManifests.Invalid;
import dev.berth.model.ManifestInvalidException;
import dev.berth.model.ManifestParser;
import dev.berth.model.ManifestSchema;
import dev.berth.model.Manifests;
import dev.berth.model.schema.SchemaFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checked-in schemas, read by a real JSON Schema validator as an editor reads them, against every example and
 * the invalid manifests of the test suite. {@code berth validate} stays the authority: {@link InvalidManifests}
 * lists what only it refuses.
 */
class SchemaValidationTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern MODELINE = Pattern.compile("# yaml-language-server: \\$schema=(\\S+)");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(examplesDirectory())) {
            List<Path> yaml =
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).as("examples").isNotEmpty();
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void every_example_names_its_schema_on_its_first_line_by_a_path_an_editor_resolves(Path example)
            throws IOException {
        String first = Files.readAllLines(example).get(0);
        Matcher modeline = MODELINE.matcher(first);
        assertThat(modeline.matches())
                .as("%s must start with: # yaml-language-server: $schema=../schemas/%s", example, schemaOf(example))
                .isTrue();
        Path named = example.resolveSibling(modeline.group(1)).normalize();
        assertThat(named).isEqualTo(SchemaFiles.directory().resolve(schemaOf(example)));
        assertThat(named).isRegularFile();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void every_example_is_valid_against_the_schema_it_names(Path example) throws IOException {
        assertThat(schema(schemaOf(example)).validate(YAML.readTree(example.toFile())))
                .as(example.toString())
                .isEmpty();
    }

    static List<Invalid> schemaRefuses() {
        return InvalidManifests.SCHEMA_REFUSES;
    }

    static List<Invalid> berthValidateOnly() {
        return InvalidManifests.BERTH_VALIDATE_ONLY;
    }

    static Stream<Invalid> everyInvalidManifest() {
        return Stream.concat(schemaRefuses().stream(), berthValidateOnly().stream());
    }

    @ParameterizedTest
    @MethodSource("everyInvalidManifest")
    void every_invalid_manifest_listed_is_refused_by_berth_validate(Invalid invalid) {
        assertThatThrownBy(() -> ManifestParser.parse(invalid.text(), "invalid.yaml"))
                .as("berth validate refuses\n%s", invalid.text())
                .isInstanceOf(ManifestInvalidException.class);
    }

    @ParameterizedTest
    @MethodSource("schemaRefuses")
    void the_schema_refuses_every_fault_a_schema_can_express(Invalid invalid) throws IOException {
        Set<ValidationMessage> errors = manifestSchema().validate(YAML.readTree(invalid.text()));

        assertThat(errors).as("the schema refuses\n%s", invalid.text()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("berthValidateOnly")
    void the_schema_accepts_what_only_berth_validate_can_refuse(Invalid invalid) throws IOException {
        Set<ValidationMessage> errors = manifestSchema().validate(YAML.readTree(invalid.text()));

        assertThat(errors)
                .as("the schema accepts (move the case to SCHEMA_REFUSES if it now refuses it)\n%s", invalid.text())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{name: a, version: 1.10, url: https://h/a.raw, sha256: SHA}",
                "{name: 7, version: 2, url: https://h/a.raw, sha256: SHA, matches: [7]}",
                "{name: a, version: '1', url: https://h/a.raw, sha256: SHA, hosts: {labels: {tier: 1}}}",
                "{name: a, version: '1', url: https://h/a.raw, sha256: SHA,"
                        + " rollout: {waves: [{percent: '10'}, {percent: 100}], every: 30m}}",
                "{name: a, version: '1', url: https://h/a.raw, sha256: SHA,"
                        + " rollout: {waves: [{percent: 100}], start: 2026-12-03T09:00:00Z}}",
                "{name: a, version: '1', url: https://h/a.raw, sha256: SHA,"
                        + " rollout: {waves: [{percent: 100}], start: '2026-12-03T10:00:00+01:00', paused: false}}",
                "{name: a, version: '1', url: https://h/a.raw, sha256: SHA,"
                        + " limits: {cpuWeight: 200, tasksMax: 64, memoryMax: 256M, cpuQuota: 150%}}",
                "{name: a, version: '1', url: https://h/a.raw, sha256: SHA, health: {timeout: 1m30s}}",
            })
    void what_berth_validate_accepts_written_unusually_the_schema_accepts_too(String entry) throws IOException {
        String text = InvalidManifests.HEAD + "  - " + entry.replace("SHA", InvalidManifests.SHA) + "\n";

        assertThat(ManifestParser.parse(text, "valid.yaml").entries()).hasSize(1);
        assertThat(manifestSchema().validate(YAML.readTree(text))).as(text).isEmpty();
    }

    @Test
    void the_same_image_in_two_files_of_a_directory_is_refused_by_berth_validate_only() throws IOException {
        String web = InvalidManifests.HEAD + "  - {name: web, version: '1', url: https://h/web.raw, sha256: "
                + InvalidManifests.SHA + "}\n";

        assertThat(manifestSchema().validate(YAML.readTree(web))).isEmpty();
        assertThatThrownBy(() -> Manifests.merge(
                        List.of(ManifestParser.parse(web, "a.yaml"), ManifestParser.parse(web, "b.yaml")), "dir/"))
                .isInstanceOf(ManifestInvalidException.class)
                .hasMessageContaining("can never apply");
    }

    private static String schemaOf(Path example) {
        return example.getFileName().toString().equals("agent.yaml") ? AgentSchema.FILE : ManifestSchema.FILE;
    }

    private static JsonSchema manifestSchema() throws IOException {
        return schema(ManifestSchema.FILE);
    }

    private static JsonSchema schema(String name) throws IOException {
        JsonNode schema = YAML.readTree(SchemaFiles.directory().resolve(name).toFile());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    }

    private static Path examplesDirectory() {
        return SchemaFiles.directory().resolveSibling("examples");
    }
}

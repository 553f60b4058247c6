package dev.berth.model;

import static dev.berth.model.ManifestParserTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The {@code extensions:} of a manifest entry: extension images layered on the entry's base image. */
class ExtensionsParserTest {
    private static final String SHA = "a".repeat(64);
    /** A manifest with one entry "app" on the base base_1.raw; its extensions (and more) follow. */
    private static final String ENTRY = """
            apiVersion: berth.dev/v1
            kind: Manifest
            images:
              - name: app
                version: "2.0"
                url: https://h/base_1.raw
                sha256: %1$s
            """.formatted(SHA);

    @Test
    void extensionsAreReadInOrderEachWithItsOwnFileAndTheBaseIsNamedByItsUrl() {
        ImageSpec spec = ManifestParser.parse(ENTRY + """
                    extensions:
                      - {name: runtime, version: "5", url: https://h/runtime_5.raw, sha256: %1$s}
                      - {name: app, version: "2.0", url: https://h/app_2.0.raw, sha256: %1$s}
                """.formatted(SHA), "m.yaml")
                .images()
                .get(0);

        assertThat(spec.fileName()).isEqualTo("base_1.raw");
        assertThat(spec.extensions())
                .extracting(ExtensionSpec::fileName)
                .containsExactly("runtime_5.raw", "app_2.0.raw");
        assertThat(spec.extensions().get(1).url()).isEqualTo(URI.create("https://h/app_2.0.raw"));
        assertThat(spec.matches()).containsExactly("app");
    }

    @Test
    void anExtensionIsCheckedStrictlyLikeAnImage() {
        assertThat(problems(ENTRY + """
                    extensions:
                      - {name: app_x, version: "2.0", url: https://h/app_2.0.raw, sums: https://h/SHA256SUMS}
                """))
                .anySatisfy(p -> assertThat(p).contains("images[0].extensions[0].name"))
                .anySatisfy(p -> assertThat(p).contains("images[0].extensions[0].sums: unknown field"))
                .anySatisfy(p -> assertThat(p).contains("images[0].extensions[0].sha256: is required"));
    }

    @Test
    void anEntryMustBeNamedAfterItsLastExtension() {
        assertThat(problems(ENTRY + """
                    extensions:
                      - {name: other, version: "2.0", url: https://h/other_2.0.raw, sha256: %1$s}
                """.formatted(SHA)))
                .singleElement()
                .asString()
                .contains("images[0].extensions")
                .contains("last extension must be named app");
    }

    @Test
    void anEmptyExtensionListIsRefused() {
        assertThat(problems(ENTRY + """
                    extensions: []
                """)).singleElement().asString().contains("at least one extension image");
    }
}

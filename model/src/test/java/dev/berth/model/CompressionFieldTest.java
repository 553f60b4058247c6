package dev.berth.model;

import static dev.berth.model.ManifestParserTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompressionFieldTest {
    private static final String SHA = "a".repeat(64);

    private static String entry(String url, String extra) {
        return """
                apiVersion: berth.dev/v1
                kind: Manifest
                images:
                  - name: hello
                    version: "1.0"
                    url: %s
                    sha256: %s
                %s""".formatted(url, SHA, extra);
    }

    private static Compression parsed(String url, String extra) {
        return ManifestParser.parse(entry(url, extra), "m.yaml").images().get(0).compression();
    }

    @Test
    void theUrlsSuffixSaysTheCompressionWhenTheFieldIsLeftOut() {
        assertThat(parsed("https://h/hello_1.0.raw.zst", "")).isEqualTo(Compression.ZSTD);
        assertThat(parsed("https://h/hello_1.0.raw.xz", "")).isEqualTo(Compression.XZ);
        assertThat(parsed("https://h/hello_1.0.raw.gz", "")).isEqualTo(Compression.GZIP);
        assertThat(parsed("https://h/hello_1.0.raw", "")).isEqualTo(Compression.NONE);
    }

    @Test
    void theFieldNamesTheCompressionOfAUrlWithoutATellingSuffix() {
        assertThat(parsed("https://h/download?id=7", "    compression: zstd\n")).isEqualTo(Compression.ZSTD);
        assertThat(parsed("https://h/hello_1.0.raw.xz", "    compression: xz\n"))
                .isEqualTo(Compression.XZ);
    }

    @Test
    void aFieldThatDisagreesWithTheUrlIsRefusedWithItsLine() {
        assertThat(problems(entry("https://h/hello_1.0.raw.xz", "    compression: zstd\n")))
                .containsExactly("m.yaml:8:18: images[0].compression: says zstd but the url ends in .raw.xz (xz);"
                        + " fix whichever is wrong, or leave compression out to go by the url");
        assertThat(problems(entry("https://h/hello_1.0.raw.gz", "    compression: none\n")))
                .hasSize(1);
    }

    @Test
    void anUnknownCompressionIsRefusedNamingTheKnownOnes() {
        assertThat(problems(entry("https://h/hello_1.0.raw", "    compression: bzip2\n")))
                .containsExactly(
                        "m.yaml:8:18: images[0].compression: must be one of none, gzip, xz, zstd, got \"bzip2\"");
    }

    @Test
    void anInferredCompressionLeavesTheFingerprintAsBefore() {
        ImageSpec inferred = ManifestParser.parse(entry("https://h/hello_1.0.raw.zst", ""), "m.yaml")
                .images()
                .get(0);
        ImageSpec said = ManifestParser.parse(entry("https://h/hello_1.0.raw.zst", "    compression: zstd\n"), "m.yaml")
                .images()
                .get(0);

        assertThat(said.fingerprint()).isEqualTo(inferred.fingerprint());
    }
}

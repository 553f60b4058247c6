package dev.berth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.yaml.Problem;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
    private static final String SHA = "a".repeat(64);

    private static String manifest(String images) {
        return "apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n" + images;
    }

    /** The problems of the invalid manifest {@code text}, as printed. */
    static List<String> problems(String text) {
        ManifestInvalidException e =
                catchThrowableOfType(ManifestInvalidException.class, () -> ManifestParser.parse(text, "m.yaml"));
        assertThat(e).as("manifest should be invalid").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aFullImageEntryIsReadWithEveryField() {
        FleetManifest m = ManifestParser.parse(manifest("""
                  - name: hello
                    version: "1.0"
                    url: https://images.example.com/hello_1.0.raw
                    sha256: %s
                    profile: strict
                    matches: [hello, hello-extra]
                    enable: false
                    start: false
                    runtime: true
                """.formatted(SHA.toUpperCase(Locale.ROOT))), "m.yaml");

        ImageSpec hello = m.images().get(0);
        assertThat(hello.name()).isEqualTo("hello");
        assertThat(hello.version()).isEqualTo("1.0");
        assertThat(hello.url()).isEqualTo(URI.create("https://images.example.com/hello_1.0.raw"));
        assertThat(hello.sha256().hex()).isEqualTo(SHA);
        assertThat(hello.profile()).isEqualTo("strict");
        assertThat(hello.matches()).containsExactly("hello", "hello-extra");
        assertThat(hello.enable()).isFalse();
        assertThat(hello.start()).isFalse();
        assertThat(hello.runtime()).isTrue();
        assertThat(hello.origin()).isEqualTo(new Origin("m.yaml", 4));
        assertThat(hello.fileName()).isEqualTo("hello_1.0.raw");
    }

    @Test
    void optionalFieldsTakeTheirDefaults() {
        ImageSpec spec = ManifestParser.parse(manifest("""
                  - name: web
                    version: 2.1.0
                    url: file:///srv/images/web_2.1.0.raw
                    sha256: %s
                """.formatted(SHA)), "m.yaml")
                .images()
                .get(0);

        assertThat(spec.profile()).isEqualTo("default");
        assertThat(spec.matches()).containsExactly("web");
        assertThat(spec.enable()).isTrue();
        assertThat(spec.start()).isTrue();
        assertThat(spec.runtime()).isFalse();
        assertThat(spec.clean()).as("data is kept on removal unless asked").isFalse();
    }

    @Test
    void anEntryMayAskForItsUnitsDataToBeRemovedWithIt() {
        ImageSpec spec = ManifestParser.parse(manifest("""
                  - name: web
                    version: "1"
                    url: file:///srv/images/web_1.raw
                    sha256: %s
                    clean: true
                """.formatted(SHA)), "m.yaml")
                .images()
                .get(0);

        assertThat(spec.clean()).isTrue();
    }

    @Test
    void anUnquotedNumericVersionKeepsItsSpelling() {
        ImageSpec spec = ManifestParser.parse(manifest("""
                  - name: web
                    version: 1.10
                    url: http://h/web.raw
                    sha256: %s
                """.formatted(SHA)), "m.yaml")
                .images()
                .get(0);

        assertThat(spec.version()).isEqualTo("1.10");
    }

    @Test
    void anEmptyImageListIsValidAndMeansNothingIsDesired() {
        assertThat(ManifestParser.parse(manifest("  []\n"), "m.yaml").images()).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceWithFileLineColumnAndField() {
        List<String> problems = problems("""
                apiVersion: berth.dev/v2
                kind: Manifest
                colour: blue
                images:
                  - name: hello_world
                    version: "1 0"
                    url: ftp://h/x.raw
                    sha256: abc
                  - version: "1.0"
                    url: https://h/x.raw
                    sha256: %s
                    profle: strict
                """.formatted(SHA));

        assertThat(problems)
                .containsExactly(
                        "m.yaml:1:13: apiVersion: must be \"berth.dev/v1\", got \"berth.dev/v2\"",
                        "m.yaml:3:1: colour: unknown field (known fields: apiVersion, images, kind)",
                        "m.yaml:5:11: images[0].name: " + Names.IMAGE_NAME_RULE + ", got \"hello_world\"",
                        "m.yaml:6:14: images[0].version: " + Names.VERSION_RULE + ", got \"1 0\"",
                        "m.yaml:7:10: images[0].url: uses the unsupported scheme \"ftp\"; use https, http or file, got \"ftp://h/x.raw\"",
                        "m.yaml:8:13: images[0].sha256: must be 64 hexadecimal digits (the output of sha256sum), got \"abc\"",
                        "m.yaml:9:5: images[1].name: is required",
                        "m.yaml:12:5: images[1].profle: unknown field (did you mean \"profile\"?)");
    }

    @Test
    void aSecondEntryForANameWithoutSelectorsCanNeverApplyAndBothLinesAreNamed() {
        String entry = """
                  - name: hello
                    version: "1.0"
                    url: https://h/hello.raw
                    sha256: %s
                """.formatted(SHA);

        assertThat(problems(manifest(entry + entry)))
                .containsExactly("m.yaml:8:11: images[1].name: this entry for image \"hello\" (m.yaml:8) can never"
                        + " apply: the entry at m.yaml:4 has no hosts: selector, so it applies to every host first;"
                        + " give that entry a hosts: selector, or remove this one");
    }

    @Test
    void namesThatPortabledWouldSplitAreRefused() {
        for (String bad : List.of("a+b", "a.b", "a/b", "-a", "a_b")) {
            assertThat(problems(manifest("""
                      - name: "%s"
                        version: "1"
                        url: https://h/x.raw
                        sha256: %s
                    """.formatted(bad, SHA))))
                    .as(bad)
                    .singleElement()
                    .asString()
                    .contains("images[0].name");
        }
    }

    @Test
    void versionsWithSlashUnderscoreOrSpaceAreRefused() {
        for (String bad : List.of("1/0", "1_0", "1 0", "")) {
            assertThat(problems(manifest("""
                      - name: a
                        version: "%s"
                        url: https://h/x.raw
                        sha256: %s
                    """.formatted(bad, SHA))))
                    .as(bad)
                    .singleElement()
                    .asString()
                    .contains("images[0].version");
        }
    }

    @Test
    void urlsMustBeUsableAndCarryNoCredentials() {
        for (String bad :
                List.of("images/x.raw", "https:///x.raw", "https://user:pw@h/x.raw", "file://host/x.raw", "s3://b/x")) {
            assertThat(problems(manifest("""
                      - name: a
                        version: "1"
                        url: "%s"
                        sha256: %s
                    """.formatted(bad, SHA))))
                    .as(bad)
                    .singleElement()
                    .asString()
                    .contains("images[0].url")
                    .doesNotContain("pw");
        }
    }

    @Test
    void wrongTypesAreNamed() {
        assertThat(problems(manifest("""
                  - name: a
                    version: "1"
                    url: https://h/x.raw
                    sha256: %s
                    matches: hello
                    enable: "yes please"
                """.formatted(SHA))))
                .containsExactly(
                        "m.yaml:8:14: images[0].matches: must be a list, got the text \"hello\"",
                        "m.yaml:9:13: images[0].enable: must be true or false, got the text \"yes please\"");
    }

    @Test
    void anEmptyMatchListIsRefusedBecausePortabledWouldAttachEveryUnit() {
        assertThat(problems(manifest("""
                  - name: a
                    version: "1"
                    url: https://h/x.raw
                    sha256: %s
                    matches: []
                """.formatted(SHA))))
                .singleElement()
                .asString()
                .contains("images[0].matches: must name at least one unit prefix");
    }

    @Test
    void brokenYamlIsReportedWithItsPosition() {
        assertThat(problems("apiVersion: berth.dev/v1\nimages: [\n"))
                .singleElement()
                .asString()
                .startsWith("m.yaml:2:10: not valid YAML");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(problems("apiVersion: berth.dev/v1\nkind: Manifest\nkind: Manifest\nimages: []\n"))
                .containsExactly("m.yaml:3:1: kind: appears twice (first at line 2)");
    }

    @Test
    void missingTopLevelFieldsAreEachReported() {
        assertThat(problems("kind: Manifest\n"))
                .containsExactly("m.yaml:1:1: apiVersion: is required", "m.yaml:1:1: images: is required");
    }

    @Test
    void anEmptyFileSaysSo() {
        assertThat(problems("")).containsExactly("m.yaml:1:1: the file is empty");
    }

    @Test
    void aMissingFileNamesThePath() {
        ManifestInvalidException e = catchThrowableOfType(
                ManifestInvalidException.class,
                () -> ManifestParser.read(java.nio.file.Path.of("/nonexistent/m.yaml")));
        assertThat(e.getMessage()).contains("/nonexistent/m.yaml:1:1: cannot be read: no such file");
        assertThat(e.reason()).isEqualTo(Reason.ManifestInvalid);
    }

    @Test
    void aSignedSumsFileCanStandInForTheSha256() {
        ImageSpec spec = ManifestParser.parse(manifest("""
                  - name: hello
                    version: "1.0"
                    url: https://images.example/hello_1.0.raw
                    sums: https://images.example/SHA256SUMS
                """), "m.yaml").images().get(0);

        assertThat(spec.digest())
                .isEqualTo(
                        new Digest.Listed(URI.create("https://images.example/SHA256SUMS"), java.util.Optional.empty()));
        assertThat(spec.resolved()).isFalse();
        assertThat(spec.resolvedTo(new Sha256(SHA)).sha256().hex()).isEqualTo(SHA);
    }

    @Test
    void sha256AndSumsTogetherOrNeitherAreRefused() {
        assertThat(problems(manifest("""
                  - name: a
                    version: "1"
                    url: https://h/a.raw
                    sha256: %s
                    sums: https://h/SHA256SUMS
                  - name: b
                    version: "1"
                    url: https://h/b.raw
                """.formatted(SHA))))
                .containsExactly(
                        "m.yaml:8:11: images[0].sums: give either sha256 or sums, not both (sums names a signed"
                                + " SHA256SUMS file listing the sha256)",
                        "m.yaml:9:5: images[1].sha256: is required (or sums: the URL of a signed SHA256SUMS file"
                                + " that lists it)");
    }

    @Test
    void healthChecksAndVeritySidecarsAreRead() {
        ImageSpec spec = ManifestParser.parse(manifest("""
                  - name: hello
                    version: "1.0"
                    url: https://h/hello_1.0.raw
                    sha256: %1$s
                    health:
                      http: http://127.0.0.1:8081/healthz
                      stableFor: 5s
                      timeout: 1m30s
                    roothash: {url: https://h/hello_1.0.roothash, sha256: %1$s}
                    verity: {url: https://h/hello_1.0.verity, sha256: %1$s}
                """.formatted(SHA)), "m.yaml")
                .images()
                .get(0);

        assertThat(spec.health().http()).contains(URI.create("http://127.0.0.1:8081/healthz"));
        assertThat(spec.health().stableFor()).contains(java.time.Duration.ofSeconds(5));
        assertThat(spec.health().timeout()).contains(java.time.Duration.ofSeconds(90));
        assertThat(spec.sidecars())
                .extracting(Sidecar::kind)
                .containsExactly(Sidecar.Kind.ROOTHASH, Sidecar.Kind.VERITY);
        assertThat(spec.sidecars().get(1).pathNextTo("/var/lib/portables/hello_1.0.raw"))
                .isEqualTo("/var/lib/portables/hello_1.0.verity");
    }

    @Test
    void badHealthAndSidecarEntriesAreNamed() {
        assertThat(problems(manifest("""
                  - name: a
                    version: "1"
                    url: https://h/a.raw
                    sha256: %s
                    health:
                      stableFor: soon
                      retries: 3
                    roothashSignature: {url: https://h/a.p7s}
                """.formatted(SHA))))
                .containsExactly(
                        "m.yaml:9:18: images[0].health.stableFor: must be a duration such as 500ms, 10s, 5m or 1h30m,"
                                + " got \"soon\"",
                        "m.yaml:10:7: images[0].health.retries: unknown field (known fields: http, stableFor, timeout)",
                        "m.yaml:11:24: images[0].roothashSignature.sha256: is required");
    }
}

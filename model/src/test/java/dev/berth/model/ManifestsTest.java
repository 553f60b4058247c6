package dev.berth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.yaml.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestsTest {
    private static final String SHA = "b".repeat(64);

    private static Manifest file(String name, String... images) {
        StringBuilder text = new StringBuilder("apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n");
        for (String image : images) {
            text.append("  - name: ")
                    .append(image)
                    .append("\n    version: \"1.0\"\n    url: https://h/")
                    .append(image)
                    .append(".raw\n    sha256: ")
                    .append(SHA)
                    .append('\n');
        }
        return ManifestParser.parse(text.toString(), name);
    }

    @Test
    void imagesOfEveryFileAreKeptInFileOrder() {
        Manifest merged = Manifests.merge(List.of(file("a.yaml", "web", "db"), file("b.yaml", "cache")), "dir/");

        assertThat(merged.images()).extracting(ImageSpec::name).containsExactly("web", "db", "cache");
        assertThat(merged.source()).isEqualTo("dir/");
        assertThat(merged.image("cache").orElseThrow().origin()).isEqualTo(new Origin("b.yaml", 4));
    }

    @Test
    void theSourceOfAMergeNamesEveryPartWhenNotGiven() {
        Manifest merged = Manifests.merge(List.of(file("a.yaml", "web"), file("b.yaml", "db")));

        assertThat(merged.source()).isEqualTo("a.yaml, b.yaml");
    }

    @Test
    void theSameImageInTwoFilesIsAProblemNamingBothFilesAndLines() {
        ManifestInvalidException e = catchThrowableOfType(
                ManifestInvalidException.class,
                () -> Manifests.merge(List.of(file("a.yaml", "web", "db"), file("b.yaml", "cache", "db"))));

        assertThat(e.reason()).isEqualTo(Reason.ManifestInvalid);
        assertThat(e.problems()).hasSize(1);
        Problem problem = e.problems().get(0);
        assertThat(problem.file()).isEqualTo("b.yaml");
        assertThat(problem.position().line()).isEqualTo(8);
        assertThat(problem.toString()).contains("b.yaml:8:1: name:").contains("\"db\" is already declared in a.yaml:8");
    }

    @Test
    void everyDuplicateIsReportedAtOnce() {
        ManifestInvalidException e = catchThrowableOfType(
                ManifestInvalidException.class,
                () -> Manifests.merge(
                        List.of(file("a.yaml", "web", "db"), file("b.yaml", "web"), file("c.yaml", "db"))));

        assertThat(e.problems()).extracting(Problem::file).containsExactly("b.yaml", "c.yaml");
    }

    @Test
    void mergingNothingGivesAnEmptyManifest() {
        assertThat(Manifests.merge(List.of(), "empty").images()).isEmpty();
    }
}

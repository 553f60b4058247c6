package dev.berth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.yaml.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestsTest {
    private static final String SHA = "b".repeat(64);
    private static final HostIdentity ANY_HOST = new HostIdentity("h", Map.of(), "0".repeat(32));

    private static FleetManifest file(String name, String... images) {
        StringBuilder text = new StringBuilder("apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n");
        for (String image : images) {
            text.append(entry(image, "1.0", ""));
        }
        return ManifestParser.parse(text.toString(), name);
    }

    private static FleetManifest fileOf(String name, String entries) {
        return ManifestParser.parse("apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n" + entries, name);
    }

    private static String entry(String image, String version, String hosts) {
        return "  - name: " + image + "\n    version: \"" + version + "\"\n    url: https://h/" + image + "_" + version
                + ".raw\n    sha256: " + SHA + "\n" + hosts;
    }

    @Test
    void imagesOfEveryFileAreKeptInFileOrder() {
        FleetManifest merged = Manifests.merge(List.of(file("a.yaml", "web", "db"), file("b.yaml", "cache")), "dir/");

        assertThat(merged.images()).extracting(ImageSpec::name).containsExactly("web", "db", "cache");
        assertThat(merged.source()).isEqualTo("dir/");
        assertThat(merged.forHost(ANY_HOST).image("cache").orElseThrow().origin())
                .isEqualTo(new Origin("b.yaml", 4));
    }

    @Test
    void theSourceOfAMergeNamesEveryPartWhenNotGiven() {
        FleetManifest merged = Manifests.merge(List.of(file("a.yaml", "web"), file("b.yaml", "db")));

        assertThat(merged.source()).isEqualTo("a.yaml, b.yaml");
    }

    @Test
    void theSameImageInTwoFilesWithoutSelectorsCanNeverApplyAndTheProblemNamesBothFilesAndLines() {
        ManifestInvalidException e = catchThrowableOfType(
                ManifestInvalidException.class,
                () -> Manifests.merge(List.of(file("a.yaml", "web", "db"), file("b.yaml", "cache", "db"))));

        assertThat(e.reason()).isEqualTo(Reason.ManifestInvalid);
        assertThat(e.problems()).hasSize(1);
        Problem problem = e.problems().get(0);
        assertThat(problem.file()).isEqualTo("b.yaml");
        assertThat(problem.position().line()).isEqualTo(8);
        assertThat(problem.toString())
                .contains("b.yaml:8:1: name: this entry for image \"db\" (b.yaml:8) can never apply")
                .contains("the entry at a.yaml:8 has no hosts: selector")
                .contains("give that entry a hosts: selector, or remove this one");
    }

    @Test
    void theSameImageInTwoFilesOfADirectoryAppliesFromTheFirstFileWhoseEntryMatches() {
        FleetManifest pinned = fileOf("10-fra1.yaml", entry("web", "1.0", "    hosts: {labels: {site: fra1}}\n"));
        FleetManifest rest = fileOf("20-fleet.yaml", entry("web", "2.0", ""));

        FleetManifest merged = Manifests.merge(List.of(pinned, rest), "fleet/");

        HostIdentity fra = new HostIdentity("web-7", Map.of("site", "fra1"), "1".repeat(32));
        HostIdentity ams = new HostIdentity("web-8", Map.of("site", "ams1"), "2".repeat(32));
        assertThat(merged.forHost(fra).images())
                .extracting(ImageSpec::version, i -> i.origin().toString())
                .containsExactly(tuple("1.0", "10-fra1.yaml:4"));
        assertThat(merged.forHost(ams).images())
                .extracting(ImageSpec::version, i -> i.origin().toString())
                .containsExactly(tuple("2.0", "20-fleet.yaml:4"));
    }

    @Test
    void anEntryInALaterFileWithTheSameSelectorAsAnEarlierOneIsRefused() {
        String hosts = "    hosts: {names: [\"web-*\", edge-fra1]}\n";
        String reordered = "    hosts: {names: [edge-fra1, \"web-*\"]}\n";

        ManifestInvalidException e = catchThrowableOfType(
                ManifestInvalidException.class,
                () -> Manifests.merge(List.of(
                        fileOf("a.yaml", entry("web", "1.0", hosts)),
                        fileOf("b.yaml", entry("web", "2.0", reordered)))));

        assertThat(e.problems())
                .extracting(Problem::toString)
                .containsExactly("b.yaml:4:1: hosts: this entry for image \"web\" (b.yaml:4) can never apply: the entry"
                        + " at a.yaml:4 has the same hosts: selector and comes first; change one of the two selectors,"
                        + " or remove this one");
    }

    @Test
    void everyUnreachableEntryIsReportedAtOnce() {
        ManifestInvalidException e = catchThrowableOfType(
                ManifestInvalidException.class,
                () -> Manifests.merge(
                        List.of(file("a.yaml", "web", "db"), file("b.yaml", "web"), file("c.yaml", "db"))));

        assertThat(e.problems()).extracting(Problem::file).containsExactly("b.yaml", "c.yaml");
    }

    @Test
    void aRepositoryPartMakesTheWholeMergeComeFromTheRepository() {
        FleetManifest merged = Manifests.merge(
                List.of(file("a.yaml", "web"), file("b.yaml", "db").from(Provenance.REPOSITORY)), "dir/");

        assertThat(merged.provenance()).isEqualTo(Provenance.REPOSITORY);
        assertThat(merged.forHost(ANY_HOST).provenance()).isEqualTo(Provenance.REPOSITORY);
    }

    @Test
    void mergingNothingGivesAnEmptyManifest() {
        assertThat(Manifests.merge(List.of(), "empty").images()).isEmpty();
    }
}

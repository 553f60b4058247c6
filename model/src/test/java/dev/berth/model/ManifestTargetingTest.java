package dev.berth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.fleet.HostSelector;
import dev.berth.model.yaml.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Entries meant for some hosts: how hosts: is read, which entry applies to which host, and what is refused. */
class ManifestTargetingTest {
    private static final String SHA = "c".repeat(64);

    /** One web entry per selector, versions 1, 2, 3 ... in file order. */
    private static FleetManifest web(String... hosts) {
        StringBuilder text = new StringBuilder("apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n");
        for (int i = 0; i < hosts.length; i++) {
            text.append(entry("web", String.valueOf(i + 1), hosts[i]));
        }
        return ManifestParser.parse(text.toString(), "fleet.yaml");
    }

    private static String entry(String name, String version, String hosts) {
        return "  - name: " + name + "\n    version: \"" + version + "\"\n    url: https://h/" + name + "_" + version
                + ".raw\n    sha256: " + SHA + "\n" + (hosts.isEmpty() ? "" : "    hosts: " + hosts + "\n");
    }

    private static List<String> problems(String text) {
        ManifestInvalidException e = catchThrowableOfType(
                ManifestInvalidException.class,
                () -> ManifestParser.parse("apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n" + text, "m.yaml"));
        assertThat(e).as("manifest should be invalid").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    private static HostIdentity host(String name, Map<String, String> labels) {
        return new HostIdentity(name, labels, "0123456789abcdef0123456789abcdef");
    }

    private static String versionFor(FleetManifest fleet, HostIdentity host) {
        return fleet.forHost(host).image("web").map(ImageSpec::version).orElse("none");
    }

    @Test
    void aSelectorIsReadWithItsNameGlobsAndLabels() {
        FleetManifest fleet = web("{names: [\"web-*\", edge-fra1], labels: {role: web, tier: \"1\"}}");

        assertThat(fleet.entries())
                .singleElement()
                .extracting(FleetManifest.Entry::hosts)
                .isEqualTo(new HostSelector(List.of("web-*", "edge-fra1"), Map.of("role", "web", "tier", "1")));
    }

    @Test
    void anEntryWithoutHostsIsForEveryHost() {
        FleetManifest fleet = web("");

        assertThat(fleet.entries().get(0).hosts()).isEqualTo(HostSelector.ANY);
        assertThat(versionFor(fleet, host("anything", Map.of()))).isEqualTo("1");
    }

    @Test
    void theFirstEntryWhoseSelectorMatchesAppliesAndTheRestAreIgnoredForThatHost() {
        FleetManifest fleet = web("{labels: {site: fra1}}", "{names: [\"web-*\"]}", "");

        assertThat(versionFor(fleet, host("web-1", Map.of("site", "fra1")))).isEqualTo("1");
        assertThat(versionFor(fleet, host("web-2", Map.of("site", "ams1")))).isEqualTo("2");
        assertThat(versionFor(fleet, host("db-1", Map.of("site", "ams1")))).isEqualTo("3");
        assertThat(fleet.forHost(host("web-1", Map.of("site", "fra1"))).images())
                .hasSize(1);
    }

    @Test
    void aHostNoEntryMatchesGetsNoEntryForThatImage() {
        FleetManifest fleet = web("{labels: {role: web}}");

        assertThat(fleet.forHost(host("db-1", Map.of("role", "db"))).images()).isEmpty();
    }

    @Test
    void threeDifferentlyLabelledHostsEachGetTheirOwnSet() {
        FleetManifest fleet = ManifestParser.parse(
                "apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n"
                        + entry("web", "1.0", "{labels: {ring: canary}}")
                        + entry("web", "2.0", "{labels: {role: web}}")
                        + entry("db", "5.0", "{labels: {role: db}}")
                        + entry("node-exporter", "1.8", ""),
                "fleet.yaml");

        Manifest canary = fleet.forHost(host("web-1", Map.of("role", "web", "ring", "canary")));
        Manifest web = fleet.forHost(host("web-2", Map.of("role", "web")));
        Manifest db = fleet.forHost(host("db-1", Map.of("role", "db")));

        assertThat(canary.images()).extracting(ImageSpec::label).containsExactly("web 1.0", "node-exporter 1.8");
        assertThat(web.images()).extracting(ImageSpec::label).containsExactly("web 2.0", "node-exporter 1.8");
        assertThat(db.images()).extracting(ImageSpec::label).containsExactly("db 5.0", "node-exporter 1.8");
        assertThat(db.source()).isEqualTo("fleet.yaml");
    }

    @Test
    void anEntryAfterOneWithTheSameSelectorCanNeverApplyAndIsRefusedNamingBothLines() {
        assertThat(problems(entry("web", "1", "{labels: {role: web}, names: [a, b]}")
                        + entry("web", "2", "{names: [b, a], labels: {role: web}}")))
                .containsExactly("m.yaml:13:12: images[1].hosts: this entry for image \"web\" (m.yaml:9) can never"
                        + " apply: the entry at m.yaml:4 has the same hosts: selector and comes first; change one of"
                        + " the two selectors, or remove this one");
    }

    @Test
    void anEntryAfterOneForEveryHostCanNeverApplyEvenWithASelector() {
        assertThat(problems(entry("web", "1", "") + entry("web", "2", "{labels: {site: fra1}}")))
                .singleElement()
                .asString()
                .startsWith("m.yaml:12:12: images[1].hosts: this entry for image \"web\" (m.yaml:8) can never apply")
                .contains("the entry at m.yaml:4 has no hosts: selector, so it applies to every host first");
    }

    @Test
    void anEntryAfterOneNamingEveryHostByAStarCanNeverApply() {
        assertThat(problems(entry("web", "1", "{names: [\"*\"]}") + entry("web", "2", "{labels: {site: fra1}}")))
                .singleElement()
                .asString()
                .contains("can never apply")
                .contains("selects every host (names: \"*\") and comes first");
    }

    @Test
    void aNarrowerEntryBeforeABroaderOneIsFineAndSoAreDifferentSelectors() {
        FleetManifest fleet = web("{names: [web-1]}", "{names: [\"web-*\"]}", "{labels: {role: web}}", "");

        assertThat(fleet.entries()).hasSize(4);
        assertThat(fleet.names()).containsExactly("web");
    }

    @Test
    void badSelectorsAreNamedWithTheirPositions() {
        assertThat(problems(entry("a", "1", "{names: [\"web 1\"], labels: {\"__x\": y, role: \"\", site: [a]}}")
                        + entry("b", "1", "{}")
                        + entry("c", "1", "{names: []}")
                        + entry("d", "1", "{hostnames: [x]}")
                        + entry("e", "1", "")
                        + "    hosts:\n    enable: true\n"
                        + entry("f", "1", "~")))
                .containsExactly(
                        "m.yaml:8:21: images[0].hosts.names[0]: must be a host name pattern: letters, digits, \".\","
                                + " \"_\", \"-\", * (any run of characters) and ? (one character), at most 253,"
                                + " got \"web 1\"",
                        "m.yaml:8:40: images[0].hosts.labels.__x: must be a label name as Prometheus spells them: a"
                                + " letter or \"_\", then letters, digits and \"_\" (not starting with \"__\"), at"
                                + " most 63, got \"__x\"",
                        "m.yaml:8:56: images[0].hosts.labels.role: must be a text of 1 to 128 characters, without"
                                + " control characters or spaces at either end, got \"\"",
                        "m.yaml:8:66: images[0].hosts.labels.site: must be a single value, got a list",
                        "m.yaml:13:12: images[1].hosts: must give names or labels to select hosts (leave hosts out"
                                + " for every host)",
                        "m.yaml:18:20: images[2].hosts.names: must name at least one host (leave names out to"
                                + " select by labels alone)",
                        "m.yaml:23:13: images[3].hosts.hostnames: unknown field (known fields: labels, names)",
                        "m.yaml:28:11: images[4].hosts: must be a mapping of keys to values, got the text \"\"",
                        "m.yaml:34:5: images[5].hosts: has no value (leave hosts out for every host)");
    }

    @Test
    void theFleetRefusesUnreachableEntriesEvenWhenBuiltInCode() {
        ImageSpec one = web("").images().get(0);

        assertThatThrownBy(() ->
                        new FleetManifest(List.of(new FleetManifest.Entry(one), new FleetManifest.Entry(one)), "code"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("can never apply");
    }
}

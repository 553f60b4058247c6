package dev.berth.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.fleet.HostSelector;
import dev.berth.model.fleet.Rollout;
import dev.berth.model.fleet.Wave;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutParserTest {
    private static final HostIdentity HOST = new HostIdentity("web-1", Map.of(), "0".repeat(32));

    /** The manifest as a host that every entry's selector matches sees it. */
    private static Manifest parse(String text, String file) {
        return ManifestParser.parse(text, file).forHost(HOST);
    }

    private static final String SHA = "a".repeat(64);

    /** A manifest with one image entry "web" whose rollout block is {@code rollout} (indented under the entry). */
    private static String web(String version, String rollout) {
        return """
                apiVersion: berth.dev/v1
                kind: Manifest
                images:
                  - name: web
                    version: "%s"
                    url: https://images.example.com/web.raw
                    sha256: %s
                    rollout:
                %s""".formatted(version, SHA, rollout.indent(6));
    }

    @Test
    void aRolloutIsReadWithItsWavesInOrder() {
        Manifest m = parse(web("2.0", """
                        waves:
                          - hosts: {labels: {ring: canary}}
                          - hosts: {names: ["edge-*", edge-fra1]}
                          - percent: 10
                          - percent: 100
                        every: 30m
                        start: 2026-12-03T09:00:00Z
                        paused: true
                        """), "m.yaml");

        assertThat(m.rollout("web"))
                .contains(new Rollout(
                        List.of(
                                new Wave.Hosts(new HostSelector(List.of(), Map.of("ring", "canary"))),
                                new Wave.Hosts(new HostSelector(List.of("edge-*", "edge-fra1"), Map.of())),
                                new Wave.Percent(10),
                                new Wave.Percent(100)),
                        Duration.ofMinutes(30),
                        Optional.of(Instant.parse("2026-12-03T09:00:00Z")),
                        true));
    }

    @Test
    void aRolloutIsNotPausedAndStartsWhenTheHostSeesTheVersionUnlessItSaysSo() {
        Rollout rollout = parse(web("2.0", "waves: [{percent: 100}]\n"), "m.yaml")
                .rollout("web")
                .orElseThrow();

        assertThat(rollout.paused()).isFalse();
        assertThat(rollout.start()).isEmpty();
        assertThat(rollout.every()).isZero();
    }

    @Test
    void aStartWithAnOffsetIsTheSameInstant() {
        Rollout rollout = parse(web("2.0", "waves: [{percent: 100}]\nstart: \"2026-12-03T10:00:00+01:00\"\n"), "m.yaml")
                .rollout("web")
                .orElseThrow();

        assertThat(rollout.start()).contains(Instant.parse("2026-12-03T09:00:00Z"));
    }

    @Test
    void anImageWithoutARolloutMovesAtOnce() {
        Manifest m = parse("""
                apiVersion: berth.dev/v1
                kind: Manifest
                images:
                  - name: web
                    version: "1.0"
                    url: https://images.example.com/web.raw
                    sha256: %s
                """.formatted(SHA), "m.yaml");

        assertThat(m.rollout("web")).isEmpty();
        assertThat(m.rollouts()).isEmpty();
    }

    @Test
    void pacingAVersionDifferentlyIsNotANewVersion() {
        Manifest every30m = parse(web("2.0", "waves: [{percent: 10}, {percent: 100}]\nevery: 30m\n"), "m.yaml");
        Manifest every2h =
                parse(web("2.0", "waves: [{percent: 10}, {percent: 100}]\nevery: 2h\npaused: true\n"), "m.yaml");

        assertThat(every30m.rollout("web")).isNotEqualTo(every2h.rollout("web"));
        assertThat(every30m.images().get(0).fingerprint())
                .isEqualTo(every2h.images().get(0).fingerprint());
    }

    @Test
    void unknownFieldsAreReportedWithTheirLines() {
        assertThat(ManifestParserTest.problems(web("2.0", """
                        waves:
                          - percent: 10
                            hots: {names: [a]}
                          - hosts: {name: [a]}
                        every: 30m
                        pause: true
                        """)))
                .containsExactly(
                        "m.yaml:11:11: images[0].rollout.waves[0].hots: unknown field (did you mean \"hosts\"?)",
                        "m.yaml:12:19: images[0].rollout.waves[1].hosts.name: unknown field (did you mean \"names\"?)",
                        "m.yaml:14:7: images[0].rollout.pause: unknown field (did you mean \"paused\"?)");
    }

    @Test
    void aRolloutNeedsAtLeastOneWave() {
        assertThat(ManifestParserTest.problems(web("2.0", "waves: []\n")))
                .containsExactly("m.yaml:9:14: images[0].rollout.waves: must list at least one wave, e.g."
                        + " [{hosts: {labels: {ring: canary}}}, {percent: 100}]");
        assertThat(ManifestParserTest.problems(web("2.0", "every: 30m\n")))
                .containsExactly("m.yaml:9:7: images[0].rollout.waves: is required");
    }

    @Test
    void percentsMustGrowFromWaveToWave() {
        assertThat(ManifestParserTest.problems(web("2.0", """
                        waves:
                          - percent: 50
                          - hosts: {labels: {ring: late}}
                          - percent: 50
                          - percent: 100
                        every: 30m
                        """)))
                .containsExactly("m.yaml:12:20: images[0].rollout.waves[2].percent: must be more than the 50 of"
                        + " images[0].rollout.waves[0]: a percent wave takes the hosts below its percent that no"
                        + " earlier wave took, so percents grow from wave to wave");
    }

    @Test
    void aPercentIsAWholeNumberFromOneToAHundred() {
        assertThat(ManifestParserTest.problems(web("2.0", """
                        waves: [{percent: 0}, {percent: "10%"}, {percent: 2.5}, {percent: 101}]
                        every: 30m
                        """)))
                .containsExactly(
                        "m.yaml:9:25: images[0].rollout.waves[0].percent: must be a whole number from 1 to 100, got \"0\"",
                        "m.yaml:9:39: images[0].rollout.waves[1].percent: must be a whole number from 1 to 100, got \"10%\"",
                        "m.yaml:9:57: images[0].rollout.waves[2].percent: must be a whole number from 1 to 100, got \"2.5\"",
                        "m.yaml:9:73: images[0].rollout.waves[3].percent: must be a whole number from 1 to 100, got \"101\"");
    }

    @Test
    void aWaveIsEitherHostsOrAPercent() {
        List<String> problems = ManifestParserTest.problems(web("2.0", """
                        waves:
                          - {percent: 10, hosts: {names: [a]}}
                          - {}
                          - hosts: {}
                        every: 30m
                        """));

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("m.yaml:10:").contains("waves[0].percent: give exactly one of hosts");
        assertThat(problems.get(1)).startsWith("m.yaml:11:").contains("waves[1].percent: give exactly one of hosts");
        assertThat(problems.get(2))
                .startsWith("m.yaml:12:")
                .contains("waves[2].hosts: must give names or labels to select hosts");
    }

    @Test
    void hostNamesAndLabelsAreChecked() {
        assertThat(ManifestParserTest.problems(web("2.0", """
                        waves:
                          - hosts: {names: ["web 1"], labels: {"ring canary": x, role: [a]}}
                        """)))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("hosts.names[0]: must be a host name pattern"))
                .anySatisfy(p -> assertThat(p).contains("hosts.labels.ring canary: must be a label name"))
                .anySatisfy(p -> assertThat(p).contains("hosts.labels.role: must be a single value, got a list"));
    }

    @Test
    void moreThanOneWaveNeedsAnInterval() {
        assertThat(ManifestParserTest.problems(web("2.0", "waves: [{percent: 10}, {percent: 100}]\n")))
                .containsExactly("m.yaml:9:7: images[0].rollout.every: is required with more than one wave: wave k"
                        + " starts k * every after the rollout starts (e.g. every: 30m)");
        assertThat(ManifestParserTest.problems(web("2.0", "waves: [{percent: 10}, {percent: 100}]\nevery: 0s\n")))
                .singleElement()
                .asString()
                .contains("rollout.every: must be longer than 0s");
        assertThat(ManifestParserTest.problems(web("2.0", "waves: [{percent: 100}]\nevery: soon\n")))
                .singleElement()
                .asString()
                .contains("rollout.every: must be a duration such as 500ms, 10s, 5m or 1h30m, got \"soon\"");
    }

    @Test
    void aStartIsAnInstantWithItsOffsetAndPausedIsABoolean() {
        assertThat(ManifestParserTest.problems(web("2.0", "waves: [{percent: 100}]\nstart: tomorrow\npaused: maybe\n")))
                .containsExactly(
                        "m.yaml:10:14: images[0].rollout.start: must be an ISO-8601 time with its offset, such as"
                                + " 2026-12-03T09:00:00Z, got \"tomorrow\"",
                        "m.yaml:11:15: images[0].rollout.paused: must be true or false, got the text \"maybe\"");
        assertThat(ManifestParserTest.problems(web("2.0", "waves: [{percent: 100}]\nstart: 2026-12-03T09:00:00\n")))
                .singleElement()
                .asString()
                .contains("rollout.start: must be an ISO-8601 time with its offset");
    }

    @Test
    void aBrokenRolloutIsReportedEvenWhenTheRestOfTheEntryIsBroken() {
        assertThat(ManifestParserTest.problems(web("2/0", "waves: []\n")))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("images[0].version:"))
                .anySatisfy(p -> assertThat(p).contains("images[0].rollout.waves: must list at least one wave"));
    }

    @Test
    void theRolloutsOfEveryFileOfADirectoryAreKept() {
        FleetManifest web = ManifestParser.parse(web("2.0", "waves: [{percent: 100}]\n"), "web.yaml");
        FleetManifest db = ManifestParser.parse("""
                apiVersion: berth.dev/v1
                kind: Manifest
                images:
                  - name: db
                    version: "1.0"
                    url: https://images.example.com/db.raw
                    sha256: %s
                """.formatted(SHA), "db.yaml");

        Manifest merged = Manifests.merge(List.of(web, db), "dir").forHost(HOST);

        assertThat(merged.rollout("web")).isEqualTo(web.forHost(HOST).rollout("web"));
        assertThat(merged.rollout("db")).isEmpty();
        assertThat(merged.withImages(merged.images()).rollouts()).isEqualTo(merged.rollouts());
    }
}

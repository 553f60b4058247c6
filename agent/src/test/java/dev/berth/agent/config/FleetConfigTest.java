package dev.berth.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetConfigTest {
    private static final Path FILE = Path.of("/etc/berth/agent.yaml");
    private static final String HEAD = "apiVersion: berth.dev/v1\nkind: AgentConfig\n";

    private static FleetConfig parse(String body) {
        return SettingsFile.parse(HEAD + body, FILE).fleet();
    }

    @Test
    void withoutAFleetBlockRolloutsAskNobody() {
        assertThat(parse("interval: 1m\n")).isEqualTo(FleetConfig.NONE);
        assertThat(FleetConfig.NONE.prometheus()).isEmpty();
        assertThat(FleetConfig.NONE.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void everyFleetSettingIsRead() {
        assertThat(parse("""
                        fleet:
                          prometheus: https://prometheus.example:9090/prom/
                          bearerTokenFile: /etc/berth/prometheus-token
                          caFile: /etc/berth/prometheus-ca.pem
                          timeout: 3s
                        """))
                .isEqualTo(new FleetConfig(
                        Optional.of(URI.create("https://prometheus.example:9090/prom")),
                        Optional.of(Path.of("/etc/berth/prometheus-token")),
                        Optional.of(Path.of("/etc/berth/prometheus-ca.pem")),
                        Duration.ofSeconds(3)));
    }

    @Test
    void aPrometheusUrlCarriesNoCredentialsQueryOrFragment() {
        for (String url : List.of(
                "https://user:pw@prometheus:9090",
                "https://prometheus:9090/?x=1",
                "https://prometheus:9090/#top",
                "ftp://prometheus",
                "prometheus:9090",
                "http:///nohost")) {
            assertThat(SettingsFileTest.problems("fleet: {prometheus: \"" + url + "\"}\n"))
                    .as(url)
                    .singleElement()
                    .asString()
                    .startsWith("/etc/berth/agent.yaml:3:21: fleet.prometheus: must be the http or https URL of a"
                            + " Prometheus server");
        }
        assertThat(SettingsFileTest.problems("fleet: {prometheus: \"https://user:pw@prometheus:9090\"}\n"))
                .singleElement()
                .asString()
                .as("credentials are never repeated")
                .endsWith("got \"https://***@prometheus:9090\"")
                .doesNotContain("pw");
        assertThat(SettingsFileTest.problems("fleet: {prometheus: \"user:pw@prometheus\"}\n"))
                .singleElement()
                .asString()
                .doesNotContain("pw");
    }

    @Test
    void aBearerTokenIsSentOnlyOverHttps() {
        assertThat(SettingsFileTest.problems(
                        "fleet: {prometheus: \"http://prometheus:9090\", bearerTokenFile: /etc/t, caFile: /etc/ca}\n"))
                .containsExactly(
                        "/etc/berth/agent.yaml:3:64: fleet.bearerTokenFile: is sent only over https: make prometheus"
                                + " an https URL",
                        "/etc/berth/agent.yaml:3:80: fleet.caFile: is for an https URL; prometheus is http");
    }

    @Test
    void aTokenOrCaWithoutAServerIsAMistake() {
        assertThat(SettingsFileTest.problems("fleet: {bearerTokenFile: /etc/t, timeout: 0s, prometheus_url: x}\n"))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("fleet.prometheus_url: unknown field"))
                .anySatisfy(p -> assertThat(p).contains("fleet.timeout: must be longer than 0s"))
                .anySatisfy(
                        p -> assertThat(p).contains("fleet.prometheus: is required with bearerTokenFile or caFile"));
        assertThat(SettingsFileTest.problems("fleet: {prometheus: \"https://p\", caFile: relative.pem}\n"))
                .singleElement()
                .asString()
                .contains("fleet.caFile: must be an absolute path");
    }
}

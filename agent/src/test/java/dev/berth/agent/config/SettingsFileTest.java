package dev.berth.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.FreeSpaceFloor;
import dev.berth.model.LocalPolicy;
import dev.berth.model.ManifestInvalidException;
import dev.berth.model.fleet.MaintenanceWindows;
import dev.berth.model.yaml.Problem;
import dev.berth.reconciler.health.HealthPolicy;
import dev.berth.reconciler.loop.Schedule;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsFileTest {
    private static final Path FILE = Path.of("/etc/berth/agent.yaml");
    private static final String HEAD = "apiVersion: berth.dev/v1\nkind: AgentConfig\n";

    private static Settings parse(String body) {
        return SettingsFile.parse(HEAD + body, FILE);
    }

    /** The problems of the invalid configuration {@code body} (after apiVersion and kind), as printed. */
    static List<String> problems(String body) {
        ManifestInvalidException e = catchThrowableOfType(ManifestInvalidException.class, () -> parse(body));
        assertThat(e).as("configuration should be invalid").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aManifestFileIsAllAnAgentNeedsAndEverythingElseHasTheOneDefault() {
        Settings config = parse("source:\n  manifest: /etc/berth/manifest.yaml\n");

        assertThat(config.source()).contains(new SourceConfig.Manifest(Path.of("/etc/berth/manifest.yaml")));
        assertThat(config.file()).contains(FILE);
        assertThat(config)
                .as("everything but the file and the source is the default")
                .isEqualTo(new Settings(
                        Optional.of(FILE),
                        config.source(),
                        Optional.empty(),
                        Settings.defaults().schedule(),
                        Settings.defaults().stateDir(),
                        Settings.defaults().poolDir(),
                        Optional.empty(),
                        Settings.defaults().health(),
                        true,
                        Settings.defaults().policy(),
                        Settings.defaults().download(),
                        Settings.defaults().metricsListen(),
                        HostSettings.DEFAULT,
                        List.of(),
                        FleetConfig.NONE,
                        Optional.empty(),
                        MaintenanceWindows.NONE));
        assertThat(config.schedule()).isEqualTo(Schedule.DEFAULT);
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/berth"));
        assertThat(config.poolDir()).isEqualTo(Path.of("/var/lib/portables"));
        assertThat(config.bus()).isEmpty();
        assertThat(config.health()).isEqualTo(HealthPolicy.DEFAULT);
        assertThat(config.driftCorrection()).isTrue();
        assertThat(config.policy()).isEqualTo(LocalPolicy.defaults());
        assertThat(config.policy().allowsProfile("trusted")).isFalse();
        assertThat(config.metricsListen().map(a -> a.getHostString() + ":" + a.getPort()))
                .contains("127.0.0.1:9741");
    }

    @Test
    void everySettingIsRead() {
        Settings config = parse("""
                source:
                  git:
                    url: https://git.example/fleet.git
                    ref: main
                    path: hosts/web
                    tokenFile: /etc/berth/git-token
                  trustedKeys: /etc/berth/release-keys.asc
                interval: 30s
                jitter: 0.2
                backoff: {base: 2s, cap: 2m}
                stateDir: /srv/berth
                poolDir: /srv/portables
                bus: unix:path=/run/dbus/system_bus_socket
                health: {stableFor: 5s, timeout: 1m}
                driftCorrection: false
                policy:
                  allowedProfiles: [default, strict, nonetwork, trusted]
                  allowedUrlPrefixes: [https://images.example/]
                  maxImageBytes: 2GiB
                  allowHttp: true
                download: {connectTimeout: 5s, readTimeout: 10s}
                metrics: {listen: "0.0.0.0:9800"}
                trigger: {secretFile: /etc/berth/trigger.secret}
                """);

        GitAccess git = ((SourceConfig.Git) config.source().orElseThrow()).access();
        assertThat(git.url()).isEqualTo("https://git.example/fleet.git");
        assertThat(git.ref()).contains("main");
        assertThat(git.path()).isEqualTo("hosts/web");
        assertThat(git.tokenFile()).contains(Path.of("/etc/berth/git-token"));
        assertThat(config.trustedKeys()).contains(Path.of("/etc/berth/release-keys.asc"));
        assertThat(config.schedule())
                .isEqualTo(new Schedule(Duration.ofSeconds(30), 0.2, Duration.ofSeconds(2), Duration.ofMinutes(2)));
        assertThat(config.stateDir()).isEqualTo(Path.of("/srv/berth"));
        assertThat(config.bus()).contains("unix:path=/run/dbus/system_bus_socket");
        assertThat(config.health().stableFor()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.driftCorrection()).isFalse();
        assertThat(config.policy())
                .isEqualTo(new LocalPolicy(
                        Set.of("default", "strict", "nonetwork", "trusted"),
                        List.of("https://images.example/"),
                        2L << 30,
                        true));
        assertThat(config.download().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.download().readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.download().allowHttp())
                .as("the download policy takes allowHttp from the one policy")
                .isTrue();
        assertThat(config.download().maxImageBytes()).isEqualTo(2L << 30);
        assertThat(config.metricsListen()).contains(new InetSocketAddress("0.0.0.0", 9800));
        assertThat(config.triggerSecretFile()).contains(Path.of("/etc/berth/trigger.secret"));
    }

    @Test
    void theTriggerIsOffUnlessASecretFileIsNamed() {
        assertThat(parse("source: {manifest: /m.yaml}\n").triggerSecretFile()).isEmpty();
        assertThat(problems("source: {manifest: /m.yaml}\ntrigger: {}\n"))
                .containsExactly("/etc/berth/agent.yaml:4:10: trigger.secretFile: is required");
        assertThat(problems("source: {manifest: /m.yaml}\ntrigger: {secretFile: trigger.secret, token: x}\n"))
                .containsExactly(
                        "/etc/berth/agent.yaml:4:23: trigger.secretFile: must be an absolute path, got \"trigger.secret\"",
                        "/etc/berth/agent.yaml:4:39: trigger.token: unknown field (known fields: secretFile)");
    }

    @Test
    void aTriggerWithoutAListenerIsRefusedRatherThanSilentlyOff() {
        assertThat(problems("source: {manifest: /m.yaml}\nmetrics: {listen: \"off\"}\ntrigger: {secretFile: /s}\n"))
                .singleElement()
                .asString()
                .contains("trigger.secretFile: POST /trigger is served on metrics.listen, which is off");
    }

    @Test
    void metricsCanBeTurnedOff() {
        assertThat(parse("source: {manifest: /m.yaml}\nmetrics: {listen: \"off\"}\n")
                        .metricsListen())
                .isEqualTo(Optional.empty());
    }

    @Test
    void thePolicyCapsLimitsWithTheManifestsOwnFieldsAndValues() {
        Settings config = parse("""
                policy:
                  limits: {memoryMax: 512M, cpuQuota: 100%, tasksMax: 256}
                """);

        assertThat(config.policy().limitCaps().byProperty())
                .containsExactly(
                        java.util.Map.entry("CPUQuota", "100%"),
                        java.util.Map.entry("MemoryMax", "512M"),
                        java.util.Map.entry("TasksMax", "256"));
        assertThat(parse("interval: 1m\n").policy().limitCaps().isEmpty()).isTrue();
    }

    @Test
    void aCapMustBeAnAmountThatLimitTakes() {
        assertThat(problems("""
                policy:
                  limits: {memoryMax: lots, ipAddressDeny: [any]}
                """))
                .containsExactly(
                        "/etc/berth/agent.yaml:4:23: policy.limits.memoryMax: "
                                + dev.berth.model.LimitValue.rule(dev.berth.model.Limit.MEMORY_MAX) + ", got \"lots\"",
                        "/etc/berth/agent.yaml:4:29: policy.limits.ipAddressDeny: unknown field (known fields: cpuQuota,"
                                + " cpuWeight, ioWeight, memoryHigh, memoryMax, tasksMax)");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPosition() {
        assertThat(problems("""
                source:
                  manifest: relative/m.yaml
                intervall: 30s
                interval: soon
                jitter: 2
                policy:
                  maxImageBytes: lots
                  allowedProfiles: []
                metrics: {listen: "127.0.0.1:99999"}
                """))
                .containsExactly(
                        "/etc/berth/agent.yaml:4:13: source.manifest: must be an absolute path, got \"relative/m.yaml\"",
                        "/etc/berth/agent.yaml:5:1: intervall: unknown field (did you mean \"interval\"?)",
                        "/etc/berth/agent.yaml:6:11: interval: must be a duration such as 500ms, 10s, 5m or 1h30m, got \"soon\"",
                        "/etc/berth/agent.yaml:7:9: jitter: must be a fraction from 0 to 1 (0.1 spreads passes by 10% either way),"
                                + " got \"2\"",
                        "/etc/berth/agent.yaml:9:18: policy.maxImageBytes: must be a size such as 8GiB, 512MiB, 100MB or a number"
                                + " of bytes, got \"lots\"",
                        "/etc/berth/agent.yaml:10:20: policy.allowedProfiles: must allow at least one profile",
                        "/etc/berth/agent.yaml:11:19: metrics.listen: must be HOST:PORT (e.g. 127.0.0.1:9741), :PORT, or off,"
                                + " got \"127.0.0.1:99999\"");
    }

    @Test
    void aSourceIsOptionalForTheCommandLineButMustBeOneOrTheOther() {
        assertThat(parse("interval: 1m\n").source()).isEmpty();
        assertThat(problems("source:\n  manifest: /m.yaml\n  git: {url: file:///r}\n"))
                .containsExactly("/etc/berth/agent.yaml:4:3: source.manifest: give exactly one of manifest (a file or"
                        + " directory) and git (a repository)");
    }

    @Test
    void aHealthTimeoutShorterThanTheStableWindowIsRefused() {
        assertThat(problems("source: {manifest: /m.yaml}\nhealth: {stableFor: 30s, timeout: 10s}\n"))
                .singleElement()
                .asString()
                .contains("health.timeout: the health timeout (PT10S) must be at least the stable window (PT30S)");
    }

    @Test
    void theDownloadFloorsAreReadLikeCurlsSpeedLimitAndAShareOfTheDisk() {
        Settings config = parse("download: {lowSpeedLimit: 10KiB, lowSpeedTime: 20s, minFreeSpace: 10%}\n");

        assertThat(config.download().lowSpeedLimit()).isEqualTo(10 * 1024);
        assertThat(config.download().lowSpeedTime()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.download().minFreeSpace()).isEqualTo(FreeSpaceFloor.percent(10));
        assertThat(parse("download: {minFreeSpace: 2GiB}\n").download().minFreeSpace())
                .isEqualTo(FreeSpaceFloor.bytes(2L << 30));
        assertThat(Settings.defaults().download().lowSpeedLimit()).isEqualTo(1024);
        assertThat(Settings.defaults().download().lowSpeedTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(Settings.defaults().download().minFreeSpace()).isEqualTo(FreeSpaceFloor.percent(5));
    }

    @Test
    void badDownloadFloorsAreReportedWithTheirPosition() {
        assertThat(problems("download: {lowSpeedLimit: fast, minFreeSpace: 120%}\n"))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("download.lowSpeedLimit: must be a size"))
                .anySatisfy(p -> assertThat(p).contains("download.minFreeSpace: must be a share"));
    }

    @Test
    void theHostsNameLabelsAndTheLabelsItsMetricsCarryAreRead() {
        Settings config = parse("""
                host:
                  name: web-1
                  labels: {role: web, site: fra1, ring: canary}
                metrics: {hostLabels: [role, site]}
                """);

        assertThat(config.host())
                .isEqualTo(new HostSettings(
                        Optional.of("web-1"), Map.of("role", "web", "site", "fra1", "ring", "canary")));
        assertThat(config.metricsHostLabels()).containsExactly("role", "site");
        assertThat(config.metricsListen())
                .as("naming host labels leaves the listen address at its default")
                .isEqualTo(Settings.defaults().metricsListen());
    }

    @Test
    void withoutHostTheNameIsTheHostnameAndThereAreNoLabels() {
        Settings config = parse("interval: 1m\n");

        assertThat(config.host()).isEqualTo(HostSettings.DEFAULT);
        assertThat(config.host().name()).isEmpty();
        assertThat(config.metricsHostLabels()).isEmpty();
    }

    @Test
    void badHostNamesLabelsAndHostLabelsAreReportedWithTheirPosition() {
        assertThat(problems("""
                host:
                  name: "web 1"
                  labels:
                    role: ""
                    9lives: "yes"
                    site: {city: fra}
                  tags: [a]
                metrics:
                  hostLabels: [role, name, role, "__meta"]
                """))
                .containsExactly(
                        "/etc/berth/agent.yaml:4:9: host.name: must be a host name: letters, digits, \".\", \"_\" and"
                                + " \"-\", starting with a letter or digit, at most 253, got \"web 1\"",
                        "/etc/berth/agent.yaml:6:11: host.labels.role: must be a text of 1 to 128 characters, without"
                                + " control characters or spaces at either end, got \"\"",
                        "/etc/berth/agent.yaml:7:5: host.labels.9lives: must be a label name as Prometheus spells them:"
                                + " a letter or \"_\", then letters, digits and \"_\" (not starting with \"__\"), at"
                                + " most 63, got \"9lives\"",
                        "/etc/berth/agent.yaml:8:11: host.labels.site: must be a single value, got a mapping",
                        "/etc/berth/agent.yaml:9:3: host.tags: unknown field (known fields: labels, name)",
                        "/etc/berth/agent.yaml:11:15: metrics.hostLabels: \"name\" is the label berth_host_info gives"
                                + " the host's name; list host.labels keys only",
                        "/etc/berth/agent.yaml:11:15: metrics.hostLabels: names \"role\" twice",
                        "/etc/berth/agent.yaml:11:34: metrics.hostLabels[3]: must be a label name as Prometheus spells"
                                + " them: a letter or \"_\", then letters, digits and \"_\" (not starting with \"__\"),"
                                + " at most 63, got \"__meta\"");
    }
}

package dev.berth.agent.config;

import dev.berth.fetchers.DownloadPolicy;
import dev.berth.model.BerthException;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Reason;
import dev.berth.model.fleet.MaintenanceWindows;
import dev.berth.reconciler.health.HealthPolicy;
import dev.berth.reconciler.loop.Schedule;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every setting of Berth, in one value: read from the agent's configuration file, with single settings overridden
 * on the command line. The agent, {@code berth plan} and {@code berth apply} are all assembled from it, so they
 * behave alike. Each setting has its default here and nowhere else.
 *
 * @param file the configuration file these settings were read from, if any
 * @param source where the desired state comes from; the agent needs one, plan and apply may be given one
 * @param trustedKeys OpenPGP keys that must sign git commits and SHA256SUMS lists
 * @param bus the D-Bus address of the system bus; empty for the default
 * @param policy what this host allows whatever the manifest says (profiles, URL prefixes, http, image size)
 * @param download how images are downloaded (timeouts, speed floor, free space)
 * @param metricsListen where the agent serves /metrics, /healthz and /readyz; empty to serve nothing
 * @param host who this host is: the name and labels manifests' selectors match
 * @param metricsHostLabels the keys of {@code host.labels} that berth_host_info carries as labels
 * @param fleet where rollouts ask the fleet's health; {@link FleetConfig#NONE} for nowhere
 * @param triggerSecretFile the key forges sign POST /trigger with; empty: no /trigger
 * @param maintenance when changes that stop or restart running units may run; {@link MaintenanceWindows#NONE}: any time
 */
public record Settings(
        Optional<Path> file,
        Optional<SourceConfig> source,
        Optional<Path> trustedKeys,
        Schedule schedule,
        Path stateDir,
        Path poolDir,
        Optional<String> bus,
        HealthPolicy health,
        boolean driftCorrection,
        LocalPolicy policy,
        DownloadPolicy download,
        Optional<InetSocketAddress> metricsListen,
        HostSettings host,
        List<String> metricsHostLabels,
        FleetConfig fleet,
        Optional<Path> triggerSecretFile,
        MaintenanceWindows maintenance) {

    /** Read by plan, apply and status when it exists and no --config is given; the agent's unit passes it. */
    public static final String DEFAULT_FILE_NAME = "/etc/berth/agent.yaml";

    public static final Path DEFAULT_FILE = Path.of(DEFAULT_FILE_NAME);

    public static final Path STATE_DIR = Path.of("/var/lib/berth");
    public static final Path POOL_DIR = Path.of("/var/lib/portables");
    public static final int METRICS_PORT = 9741;

    public Settings {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(trustedKeys, "trustedKeys");
        Objects.requireNonNull(schedule, "schedule");
        stateDir = stateDir.toAbsolutePath().normalize();
        poolDir = poolDir.toAbsolutePath().normalize();
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(policy, "policy");
        download = Objects.requireNonNull(download, "download").withLimits(policy);
        Objects.requireNonNull(metricsListen, "metricsListen");
        Objects.requireNonNull(host, "host");
        metricsHostLabels = List.copyOf(metricsHostLabels);
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(triggerSecretFile, "triggerSecretFile");
        Objects.requireNonNull(maintenance, "maintenance");
    }

    /** Every default: what a host without a configuration file gets. */
    // Metrics listen on the IPv4 loopback exactly, as documented (127.0.0.1:9741); getLoopbackAddress() would
    // depend on java.net.preferIPv6Addresses and be shown as "localhost".
    @SuppressWarnings("AddressSelection")
    public static Settings defaults() {
        return new Settings(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Schedule.DEFAULT,
                STATE_DIR,
                POOL_DIR,
                Optional.empty(),
                HealthPolicy.DEFAULT,
                true,
                LocalPolicy.defaults(),
                DownloadPolicy.defaults(),
                Optional.of(new InetSocketAddress("127.0.0.1", METRICS_PORT)),
                HostSettings.DEFAULT,
                List.of(),
                FleetConfig.NONE,
                Optional.empty(),
                MaintenanceWindows.NONE);
    }

    public Settings withSource(SourceConfig replaced) {
        return new Settings(
                file,
                Optional.of(replaced),
                trustedKeys,
                schedule,
                stateDir,
                poolDir,
                bus,
                health,
                driftCorrection,
                policy,
                download,
                metricsListen,
                host,
                metricsHostLabels,
                fleet,
                triggerSecretFile,
                maintenance);
    }

    public Settings withTrustedKeys(Path keys) {
        return new Settings(
                file,
                source,
                Optional.of(keys),
                schedule,
                stateDir,
                poolDir,
                bus,
                health,
                driftCorrection,
                policy,
                download,
                metricsListen,
                host,
                metricsHostLabels,
                fleet,
                triggerSecretFile,
                maintenance);
    }

    public Settings withStateDir(Path dir) {
        return new Settings(
                file,
                source,
                trustedKeys,
                schedule,
                dir,
                poolDir,
                bus,
                health,
                driftCorrection,
                policy,
                download,
                metricsListen,
                host,
                metricsHostLabels,
                fleet,
                triggerSecretFile,
                maintenance);
    }

    public Settings withPoolDir(Path dir) {
        return new Settings(
                file,
                source,
                trustedKeys,
                schedule,
                stateDir,
                dir,
                bus,
                health,
                driftCorrection,
                policy,
                download,
                metricsListen,
                host,
                metricsHostLabels,
                fleet,
                triggerSecretFile,
                maintenance);
    }

    public Settings withBus(String address) {
        return new Settings(
                file,
                source,
                trustedKeys,
                schedule,
                stateDir,
                poolDir,
                Optional.of(address),
                health,
                driftCorrection,
                policy,
                download,
                metricsListen,
                host,
                metricsHostLabels,
                fleet,
                triggerSecretFile,
                maintenance);
    }

    public Settings withPolicy(LocalPolicy replaced) {
        return new Settings(
                file,
                source,
                trustedKeys,
                schedule,
                stateDir,
                poolDir,
                bus,
                health,
                driftCorrection,
                replaced,
                download,
                metricsListen,
                host,
                metricsHostLabels,
                fleet,
                triggerSecretFile,
                maintenance);
    }

    /** The source, or why a command that needs one cannot run. */
    public SourceConfig requireSource(String who) {
        return source.orElseThrow(() -> new BerthException(
                Reason.ManifestInvalid,
                who + " needs a desired state: give --manifest FILE or --git URL, or set source: in "
                        + file.map(Path::toString).orElse(DEFAULT_FILE.toString())));
    }
}

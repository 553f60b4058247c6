package dev.berth.agent.wiring;

import dev.berth.agent.config.FleetConfig;
import dev.berth.agent.config.Settings;
import dev.berth.agent.fleet.PrometheusFleetHealth;
import dev.berth.agent.state.AtomicFiles;
import dev.berth.agent.state.FileFirstSeen;
import dev.berth.agent.state.FileSuspensions;
import dev.berth.agent.state.StateLock;
import dev.berth.agent.status.StatusFile;
import dev.berth.agent.status.StatusTracker;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.reconciler.Executor;
import dev.berth.reconciler.Planner;
import dev.berth.reconciler.Reconciler;
import dev.berth.reconciler.health.UnitHealthGate;
import dev.berth.reconciler.loop.AgentLoop;
import dev.berth.reconciler.loop.LoopListener;
import dev.berth.reconciler.loop.Wakeup;
import dev.berth.reconciler.port.ChangeGate;
import dev.berth.reconciler.port.FirstSeen;
import dev.berth.reconciler.port.FleetHealth;
import dev.berth.reconciler.port.ManifestSource;
import dev.berth.reconciler.port.ReconcileListener;
import dev.berth.reconciler.port.Suspensions;
import dev.berth.reconciler.rollout.RolloutGate;
import dev.berth.reconciler.suspend.SuspensionGate;
import dev.berth.reconciler.window.WindowGate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;

/**
 * The one place Berth is put together. The agent, {@code berth apply} and {@code berth plan} build their source,
 * reconciler and loop here from the same {@link Settings}, so they see the same policy, health gate, drift
 * setting, downloads, state directory and pool, and {@code apply} runs exactly the agent's pass.
 */
public final class Assembly implements AutoCloseable {
    private final Settings settings;
    private final Host host;
    private final HostIdentity identity;
    private final List<AutoCloseable> resources = new ArrayList<>();
    /** Only the process that holds the state lock records state of its own (a plan writes nothing). */
    private boolean holdsLock;

    private Assembly(Settings settings, Host host, HostIdentity identity) {
        this.settings = settings;
        this.host = host;
        this.identity = identity;
    }

    /**
     * Opens the outside world for {@code settings} and learns who this host is. Nothing is written until a pass runs.
     *
     * @param downloaded told the number of image bytes each time some arrive
     */
    public static Assembly open(Settings settings, HostConnector connector, LongConsumer downloaded) {
        Host host = connector.open(settings, downloaded);
        try {
            return new Assembly(settings, host, identity(settings, host.machine()));
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /**
     * Who this host is: the configured name (else the hostname) and labels, and the machine-id. The machine's files
     * are read only for what the configuration does not say.
     */
    public static HostIdentity identity(Settings settings, Machine machine) {
        String name = settings.host().name().orElseGet(machine::hostname);
        return new HostIdentity(name, settings.host().labels(), machine.machineId());
    }

    public Settings settings() {
        return settings;
    }

    public Host host() {
        return host;
    }

    /** Who this host is, as manifests target it; the same for every source, status and metric of this process. */
    public HostIdentity identity() {
        return identity;
    }

    /**
     * Takes the state directory for a process that changes the host: one agent or apply at a time, failing at
     * once with the holder's name; then removes what a killed writer left.
     */
    public StateLock lockForChanges(String who) {
        StateLock lock = StateLock.acquire(settings.stateDir(), who);
        holdsLock = true;
        try {
            AtomicFiles.removeLeftovers(settings.stateDir());
        } catch (IOException e) {
            lock.close();
            throw new BerthException(
                    Reason.StateUnavailable,
                    "cannot clean up " + settings.stateDir() + ": " + e.getMessage()
                            + "; check that it is writable by root");
        }
        return lock;
    }

    /** The desired state of this host, as configured; closed with the assembly. */
    public ManifestSource source(String who) {
        ManifestSource opened =
                Sources.open(settings.requireSource(who), settings.stateDir(), settings.trustedKeys(), identity);
        if (opened instanceof AutoCloseable closeable) {
            resources.add(closeable);
        }
        return opened;
    }

    /** The reconciler with the configured policy, planner, health gate and rollback. */
    public Reconciler reconciler(ReconcileListener listener) {
        UnitHealthGate health = new UnitHealthGate(
                host.portable(), settings.health(), host.probe(), host.logs(), host.clock(), host.sleeper());
        Executor executor = new Executor(
                host.portable(), host.fetcher(), host.pool(), host.inventory(), health, listener, host.clock());
        return new Reconciler(
                host.portable(),
                host.pool(),
                host.inventory(),
                new Planner(settings.poolDir().toString(), settings.driftCorrection()),
                executor,
                host.digests(),
                settings.policy(),
                host.clock(),
                List.of(suspensionGate(), rolloutGate(), windowGate()));
    }

    /** Whether this host is suspended ({@code berth suspend}), as STATE/suspension.json says. */
    public Suspensions suspensions() {
        return new FileSuspensions(settings.stateDir());
    }

    /** Holds every change while the host is suspended; asked first, so a suspension is what a plan shows. */
    private ChangeGate suspensionGate() {
        return new SuspensionGate(suspensions(), host.clock());
    }

    /** Paces new versions through their rollouts' waves, asking the fleet's health before later waves move. */
    private ChangeGate rolloutGate() {
        FirstSeen seen =
                holdsLock ? FileFirstSeen.recording(settings.stateDir()) : FileFirstSeen.readOnly(settings.stateDir());
        FleetConfig fleet = settings.fleet();
        FleetHealth health = fleet.prometheus()
                .<FleetHealth>map(
                        url -> new PrometheusFleetHealth(url, fleet.bearerTokenFile(), fleet.caFile(), fleet.timeout()))
                .orElse(FleetHealth.UNWATCHED);
        return new RolloutGate(identity, seen, health, host.clock());
    }

    /** Holds upgrades and removals of running images until a maintenance window opens; without windows, nothing. */
    private ChangeGate windowGate() {
        return new WindowGate(settings.maintenance(), host.clock());
    }

    /** The loop the agent runs, of which {@code berth apply} runs one pass. */
    public AgentLoop loop(ManifestSource source, Reconciler reconciler, Wakeup wakeup, LoopListener listener) {
        return new AgentLoop(
                source,
                reconciler,
                settings.schedule(),
                wakeup,
                host.clock(),
                () -> ThreadLocalRandom.current().nextDouble(),
                listener);
    }

    /** Writes STATE/status.json after every pass, for {@code berth status}. */
    public StatusTracker statusTracker(String runner) {
        return new StatusTracker(
                new StatusFile(settings.stateDir()), host.clock().instant(), runner, identity);
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // closing is best effort: the process is ending
            }
        }
        host.close();
    }
}

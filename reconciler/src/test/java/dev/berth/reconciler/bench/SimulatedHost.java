package dev.berth.reconciler.bench;

import dev.berth.model.BerthException;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Reason;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Wait;
import dev.berth.model.state.ManagedImage;
import dev.berth.reconciler.Executor;
import dev.berth.reconciler.Fixtures;
import dev.berth.reconciler.Planner;
import dev.berth.reconciler.Reconciler;
import dev.berth.reconciler.fake.FakeFirstSeen;
import dev.berth.reconciler.fake.FakeImageFetcher;
import dev.berth.reconciler.fake.FakeImagePool;
import dev.berth.reconciler.fake.FakeInventoryStore;
import dev.berth.reconciler.fake.FakePortableHost;
import dev.berth.reconciler.fake.Releases;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.loop.AgentLoop;
import dev.berth.reconciler.loop.LoopListener;
import dev.berth.reconciler.loop.PassReport;
import dev.berth.reconciler.loop.QueueWakeup;
import dev.berth.reconciler.loop.Wakeup;
import dev.berth.reconciler.port.DigestResolver;
import dev.berth.reconciler.port.FleetHealth;
import dev.berth.reconciler.port.FleetReport;
import dev.berth.reconciler.port.HealthGate;
import dev.berth.reconciler.port.ImageFetcher;
import dev.berth.reconciler.port.ManifestSource;
import dev.berth.reconciler.port.ReconcileListener;
import dev.berth.reconciler.port.SourceSnapshot;
import dev.berth.reconciler.rollout.RolloutGate;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * One agent on a host made of the reconciler's fakes: the real loop, reconciler, planner, executor and rollout
 * gate, with first sightings in memory. A download takes {@link Fleetwide#download} and a health check
 * {@link Fleetwide#stableFor} of the pass's time; a version in {@link Fleetwide#broken} fails its health check,
 * so the executor undoes the change and the reconciler remembers it failed, as on a real host.
 */
final class SimulatedHost {
    static final String IMAGE = "web";

    /** Where a host stands at one moment. */
    enum State {
        /** On the old version, not (yet) told to wait: it has not read the commit, or nothing moves it. */
        OLD,
        WAITING_FOR_WAVE,
        HALTED,
        /** Inside a pass that downloads and attaches the new version. */
        MOVING,
        NEW,
        /** Back on the old version, holding the new one as failed. */
        ROLLED_BACK
    }

    private final HostIdentity identity;
    private final Fleetwide fleet;
    private final FakeInventoryStore store = new FakeInventoryStore();
    private final ManifestSource source;
    private final AgentLoop loop;
    private final Set<String> attached = new HashSet<>();
    private Optional<PassReport> last = Optional.empty();
    private String revision = "";
    private List<Finding.Waiting> waiting = List.of();
    /** The fleet's last answer to this host's rollout gate. */
    private Optional<FleetReport> answer = Optional.empty();

    private int downloads;
    private int checks;
    private Instant busyUntil = Instant.MIN;

    /** @param releases the images published so far, served to this host and known to its fake portabled */
    SimulatedHost(HostIdentity identity, Random random, Fleetwide fleet, List<TestImage> releases) {
        this.identity = identity;
        this.fleet = fleet;
        FakePortableHost host = new FakePortableHost();
        FakeImagePool pool = new FakeImagePool(Fixtures.POOL);
        FakeImageFetcher fetcher = new FakeImageFetcher(pool);
        Releases published = new Releases(fetcher, host, Fixtures.POOL);
        releases.forEach(published::publish);
        ImageFetcher timed = (download, target) -> {
            downloads++;
            fleet.traffic().download(fleet.download());
            return fetcher.fetch(download, target);
        };
        HealthGate health = spec -> {
            checks++;
            attached.add(spec.version());
            if (fleet.broken().contains(spec.version())) {
                throw new BerthException(
                        Reason.HealthCheckFailed, "image " + spec.label() + ": web.service exited (simulated)");
            }
        };
        Executor executor = new Executor(host, timed, pool, store, health, ReconcileListener.NONE, fleet.clock());
        FleetHealth asked = (image, version) -> {
            answer = Optional.of(ask(image, version));
            return answer.get();
        };
        RolloutGate rollout = new RolloutGate(identity, new FakeFirstSeen(), asked, fleet.clock());
        Reconciler reconciler = new Reconciler(
                host,
                pool,
                store,
                new Planner(Fixtures.POOL),
                executor,
                DigestResolver.WITHOUT_KEYS,
                LocalPolicy.defaults(),
                fleet.clock(),
                List.of(rollout));
        this.source = fleet.repository().sourceFor(identity);
        this.loop = new AgentLoop(
                source,
                reconciler,
                fleet.schedule(),
                new QueueWakeup(),
                fleet.clock(),
                random::nextDouble,
                LoopListener.NONE);
    }

    HostIdentity identity() {
        return identity;
    }

    /** Whether this host ever attached {@code version} (and so had its health checked). */
    boolean attached(String version) {
        return attached.contains(version);
    }

    /** Runs the pass due now, on the fleet's clock; returns when the next one is due. */
    Instant pass() {
        Instant now = fleet.clock().instant();
        if (last.isPresent() && samePlan(now)) {
            // The fetch finds the same commit and nothing the plan depends on changed (with nothing else changing a
            // simulated host), so the pass would plan exactly what the last one did: only the fetch is made.
            source.read();
            return now.plus(loop.delayAfter(last.get()));
        }
        downloads = 0;
        checks = 0;
        PassReport report = loop.pass(Wakeup.Cause.TIMER);
        last = Optional.of(report);
        revision = report.source().map(SourceSnapshot::revision).orElse("");
        waiting = report.pass().map(p -> p.remaining().waiting()).orElse(List.of());
        fleet.failures().update(identity.name(), store.load().failures().values());
        busyUntil = now.plus(fleet.download().multipliedBy(downloads))
                .plus(fleet.stableFor().multipliedBy(checks));
        return busyUntil.plus(loop.delayAfter(report));
    }

    /**
     * Whether a pass now would plan what the last one did: the same commit, and the last pass converged, or only
     * waited for a wave that has not started yet or was halted by a fleet that still says the same (asked again,
     * as the pass would).
     */
    private boolean samePlan(Instant now) {
        if (!revision.equals(fleet.repository().revision())) {
            return false;
        }
        PassReport.Outcome outcome = last.orElseThrow().outcome();
        if (outcome == PassReport.Outcome.CONVERGED) {
            return true;
        }
        if (outcome != PassReport.Outcome.WAITING) {
            return false;
        }
        for (Finding.Waiting w : waiting) {
            boolean same = w.cause() instanceof Wait.ForWave wave
                    ? wave.starts().filter(now::isBefore).isPresent()
                    : w.cause() instanceof Wait.Halted
                            && answer.equals(Optional.of(ask(IMAGE, w.version().orElseThrow())));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** Asks the fleet's health about a version, as the rollout gate does through Prometheus's query API. */
    private FleetReport ask(String image, String version) {
        fleet.traffic().prometheusQuery();
        return fleet.failures().report(image, version);
    }

    /** Where this host stands at {@code at}, for {@code newVersion}. */
    State state(Instant at, String newVersion) {
        if (at.isBefore(busyUntil)) {
            return State.MOVING;
        }
        if (version().equals(Optional.of(newVersion))) {
            return State.NEW;
        }
        if (store.load().failure(IMAGE).isPresent()) {
            return State.ROLLED_BACK;
        }
        for (Finding.Waiting w : waiting) {
            if (w.cause() instanceof Wait.Halted) {
                return State.HALTED;
            }
            if (w.cause() instanceof Wait.ForWave) {
                return State.WAITING_FOR_WAVE;
            }
        }
        return State.OLD;
    }

    private Optional<String> version() {
        return store.load().image(IMAGE).map(ManagedImage::version);
    }
}

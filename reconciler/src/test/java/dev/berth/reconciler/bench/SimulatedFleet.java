package dev.berth.reconciler.bench;

import dev.berth.model.ImageSpec;
import dev.berth.model.ManifestParser;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.fleet.Rollout;
import dev.berth.reconciler.Fixtures;
import dev.berth.reconciler.fake.FakeImageFetcher;
import dev.berth.reconciler.fake.FakeImagePool;
import dev.berth.reconciler.fake.FakePortableHost;
import dev.berth.reconciler.fake.ManualClock;
import dev.berth.reconciler.fake.Releases;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.loop.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * N simulated agents on one simulated clock, each running its passes when its own loop says: the interval with
 * its jitter, or at once when a wait it reported ends (its wave starts).
 */
final class SimulatedFleet {
    static final TestImage OLD = TestImage.service(SimulatedHost.IMAGE, "1.0");
    static final TestImage NEW = OLD.at("2.0");
    /** How long after a host records a failure Prometheus has scraped it: its default scrape interval. */
    static final Duration SCRAPE = Duration.ofMinutes(1);

    static final Duration STABLE_FOR = Duration.ofSeconds(10);

    private final Scenario scenario;
    private final Duration download;
    private final ManualClock clock = new ManualClock(Scenario.T0);
    private final Traffic traffic = new Traffic(clock, Scenario.T0, Scenario.T0.plus(Scenario.COMMIT));
    private final Repository repository = new Repository(traffic);
    private final List<SimulatedHost> hosts = new ArrayList<>();

    /** @param download how long one host takes to download the image */
    SimulatedFleet(Scenario scenario, Duration download) {
        this.scenario = scenario;
        this.download = download;
    }

    /** Where the hosts stood at one moment after the commit. */
    record Row(Duration after, Map<SimulatedHost.State, Integer> hosts) {
        int count(SimulatedHost.State state) {
            return hosts.getOrDefault(state, 0);
        }
    }

    /** One wave: how many hosts it takes, and how many of them ever attached 2.0. */
    record WaveCount(int hosts, int attachedNew) {}

    /**
     * What a run showed.
     *
     * @param waves by wave index of the rollout of 2.0 (all in wave 0 without one)
     */
    record Run(Scenario scenario, List<Row> rows, Traffic traffic, List<WaveCount> waves) {}

    Run run() {
        Schedule schedule = Schedule.DEFAULT;
        Fleetwide fleet = new Fleetwide(
                clock,
                repository,
                new ScrapedFailures(clock, SCRAPE),
                traffic,
                schedule,
                scenario.newVersionFails() ? Set.of(NEW.version()) : Set.of(),
                download,
                STABLE_FOR);
        repository.commit(Repository.manifest(spec(OLD), scenario.pacing().rollout()));
        Random random = new Random(scenario.seed());
        PriorityQueue<Due> due =
                new PriorityQueue<>(Comparator.comparing(Due::at).thenComparing(Due::host));
        for (int i = 0; i < scenario.hosts(); i++) {
            HostIdentity identity = new HostIdentity(
                    "host-%05d".formatted(i), Map.of(), "%016x%016x".formatted(random.nextLong(), random.nextLong()));
            hosts.add(new SimulatedHost(identity, new Random(random.nextLong()), fleet, List.of(OLD, NEW)));
            long phase = scenario.together()
                    ? 0
                    : (long) (random.nextDouble() * schedule.interval().toMillis());
            due.add(new Due(Scenario.T0.plusMillis(phase), i));
        }
        Instant commit = Scenario.T0.plus(Scenario.COMMIT);
        Instant end = commit.plus(scenario.length());
        boolean released = scenario.pacing() == Scenario.Pacing.NO_RELEASE;
        List<Duration> samples = new ArrayList<>(scenario.samples());
        List<Row> rows = new ArrayList<>();
        while (!due.isEmpty() && due.peek().at().isBefore(end)) {
            Due next = due.poll();
            while (!samples.isEmpty() && !commit.plus(samples.get(0)).isAfter(next.at())) {
                rows.add(row(samples.remove(0), commit));
            }
            if (!released && !next.at().isBefore(commit)) {
                repository.commit(
                        Repository.manifest(spec(NEW), scenario.pacing().rollout()));
                released = true;
            }
            clock.advance(Duration.between(clock.instant(), next.at()));
            due.add(new Due(hosts.get(next.host()).pass(), next.host()));
        }
        samples.forEach(s -> rows.add(row(s, commit)));
        return new Run(scenario, rows, traffic, waves());
    }

    /** The manifest entry for {@code image}, as its release pipeline published it. */
    private static ImageSpec spec(TestImage image) {
        FakeImageFetcher fetcher = new FakeImageFetcher(new FakeImagePool(Fixtures.POOL));
        return new Releases(fetcher, new FakePortableHost(), Fixtures.POOL).publish(image);
    }

    private Row row(Duration after, Instant commit) {
        Map<SimulatedHost.State, Integer> counts = new EnumMap<>(SimulatedHost.State.class);
        for (SimulatedHost host : hosts) {
            counts.merge(host.state(commit.plus(after), NEW.version()), 1, Integer::sum);
        }
        return new Row(after, counts);
    }

    private List<WaveCount> waves() {
        Rollout rollout = wavesOf2();
        int[] members = new int[rollout.waves().size()];
        int[] moved = new int[members.length];
        for (SimulatedHost host : hosts) {
            int k = rollout.waveOf(host.identity(), SimulatedHost.IMAGE).orElseThrow();
            members[k]++;
            moved[k] += host.attached(NEW.version()) ? 1 : 0;
        }
        List<WaveCount> counts = new ArrayList<>();
        for (int k = 0; k < members.length; k++) {
            counts.add(new WaveCount(members[k], moved[k]));
        }
        return counts;
    }

    /** The rollout {@link Scenario.Pacing#WAVES} gives 2.0, as the parser reads it: it says who is in which wave. */
    static Rollout wavesOf2() {
        String text = Repository.manifest(spec(NEW), Scenario.Pacing.WAVES.rollout());
        return ManifestParser.parse(text, Repository.FILE)
                .entries()
                .get(0)
                .rollout()
                .orElseThrow();
    }

    /** The next pass of host number {@code host}. */
    private record Due(Instant at, int host) {}
}

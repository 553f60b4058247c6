package dev.berth.reconciler.bench;

import dev.berth.model.fleet.Wave;
import dev.berth.reconciler.loop.Schedule;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The fleet simulation of bench/fleet.sh: N agents of fakes with the real planner, targeting, rollout gate and loop
 * on one simulated clock, one repository, and the agents' default schedule. Prints Markdown tables: hosts per
 * version over time for a good and for a failing release in waves, the requests per second the fleet sends to
 * the git server and the image server, and the image server's peak bandwidth.
 *
 * <pre>java ... dev.berth.reconciler.bench.FleetSimulation [HOSTS [IMAGE_MIB [MBIT_PER_HOST [SEED]]]]</pre>
 *
 * Not a test: surefire runs FleetSimulationTest, which runs it small and checks what it shows.
 */
public final class FleetSimulation {
    private static final Duration ROLLOUT = Duration.ofMinutes(105);
    private static final Duration POLLING = Duration.ofMinutes(65);
    private static final List<Duration> SAMPLES = IntStream.of(
                    0, 1, 2, 5, 30, 31, 32, 35, 60, 61, 62, 65, 90, 91, 92, 95, 100)
            .mapToObj(Duration::ofMinutes)
            .toList();

    private final int hosts;
    private final long seed;
    private final long imageMib;
    private final long mbitPerHost;

    FleetSimulation(int hosts, long imageMib, long mbitPerHost, long seed) {
        this.hosts = hosts;
        this.imageMib = imageMib;
        this.mbitPerHost = mbitPerHost;
        this.seed = seed;
    }

    public static void main(String[] args) {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long imageMib = args.length > 1 ? Long.parseLong(args[1]) : 500;
        long mbit = args.length > 2 ? Long.parseLong(args[2]) : 100;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        new FleetSimulation(hosts, imageMib, mbit, seed).print(out);
    }

    /** How long one host takes to download the image at its speed. */
    Duration download() {
        return Duration.ofMillis(imageMib * 1024 * 1024 * 8 * 1000 / (mbitPerHost * 1_000_000));
    }

    SimulatedFleet.Run run(Setup setup) {
        Duration length = setup.pacing() == Scenario.Pacing.NO_RELEASE ? POLLING : ROLLOUT;
        Scenario scenario = new Scenario(hosts, seed, setup.pacing(), setup.fails(), setup.together(), length, SAMPLES);
        return new SimulatedFleet(scenario, download()).run();
    }

    /** Which scenario to run: how 2.0 is paced, whether it fails, whether the agents all start together. */
    record Setup(Scenario.Pacing pacing, boolean fails, boolean together) {}

    /** Runs the scenarios, as many at once as there are CPUs (each has its own fleet and clock). */
    List<SimulatedFleet.Run> runAll(List<Setup> setups) {
        ExecutorService cpus = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<SimulatedFleet.Run>> runs = new ArrayList<>();
            for (Setup s : setups) {
                runs.add(cpus.submit(() -> run(s)));
            }
            List<SimulatedFleet.Run> done = new ArrayList<>();
            for (Future<SimulatedFleet.Run> run : runs) {
                done.add(run.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a scenario failed: " + e.getCause(), e.getCause());
        } finally {
            cpus.shutdownNow();
        }
    }

    void print(PrintStream out) {
        long started = System.nanoTime();
        Schedule s = Schedule.DEFAULT;
        out.printf(
                "Fleet simulation: %d hosts (seed %d), agents on the default schedule (interval %s, jitter %.0f %%),"
                        + " health stableFor %ss, failures seen by Prometheus %ss after a host records them;"
                        + " a %d MiB image at %d Mbit/s per host takes %.1f s to download.%n%n",
                hosts,
                seed,
                s.interval().toString().substring(2).toLowerCase(Locale.ROOT),
                s.jitter() * 100,
                SimulatedFleet.STABLE_FOR.toSeconds(),
                SimulatedFleet.SCRAPE.toSeconds(),
                imageMib,
                mbitPerHost,
                download().toMillis() / 1000.0);
        List<Wave> waves = SimulatedFleet.wavesOf2().waves();
        List<SimulatedFleet.Run> runs = runAll(List.of(
                new Setup(Scenario.Pacing.WAVES, false, false),
                new Setup(Scenario.Pacing.WAVES, true, false),
                new Setup(Scenario.Pacing.WAVES_FROM_START, false, false),
                new Setup(Scenario.Pacing.AT_ONCE, false, false),
                new Setup(Scenario.Pacing.NO_RELEASE, false, false),
                new Setup(Scenario.Pacing.NO_RELEASE, false, true)));
        SimulatedFleet.Run good = runs.get(0);
        out.printf("### web 1.0 -> 2.0 in waves %s, every 30m%n%n", Tables.describe(waves));
        Tables.hostsOverTime(out, good);
        Tables.waves(out, good, waves);
        out.printf("### 2.0 fails its health check (on every host that attaches it)%n%n");
        Tables.hostsOverTime(out, runs.get(1));
        Tables.waves(out, runs.get(1), waves);
        List<SimulatedFleet.Run> releases = List.of(good, runs.get(2), runs.get(3));
        Tables.git(out, runs.get(4), runs.get(5), releases);
        Tables.prometheus(out, good, runs.get(1));
        Tables.images(out, releases, mbitPerHost);
        out.printf("(simulated in %.1f s)%n", (System.nanoTime() - started) / 1e9);
    }
}

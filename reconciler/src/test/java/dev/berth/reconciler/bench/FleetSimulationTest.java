package dev.berth.reconciler.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.bench.FleetSimulation.Setup;
import dev.berth.reconciler.bench.Scenario.Pacing;
import dev.berth.reconciler.bench.SimulatedHost.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** bench/fleet.sh's simulation, run with 500 hosts: what its tables show holds. */
class FleetSimulationTest {
    private static final int HOSTS = 500;
    private static SimulatedFleet.Run good;
    private static SimulatedFleet.Run bad;

    @BeforeAll
    static void simulate() {
        FleetSimulation simulation = new FleetSimulation(HOSTS, 500, 100, 7);
        good = simulation.run(new Setup(Pacing.WAVES, false, false));
        bad = simulation.run(new Setup(Pacing.WAVES, true, false));
    }

    @Test
    void eachWaveTakesRoughlyItsShareOfTheHosts() {
        List<SimulatedFleet.WaveCount> waves = good.waves();
        assertThat(waves.stream().mapToInt(SimulatedFleet.WaveCount::hosts).sum())
                .isEqualTo(HOSTS);
        assertThat(upTo(waves, 1)).isBetween(1, 15);
        assertThat(upTo(waves, 2)).isBetween(30, 70);
        assertThat(upTo(waves, 3)).isBetween(215, 285);
    }

    @Test
    void aHostMovesOnlyOnceItsWaveStarted() {
        List<SimulatedFleet.WaveCount> waves = good.waves();
        assertThat(at(good, 30).count(State.NEW)).isEqualTo(upTo(waves, 1));
        assertThat(at(good, 60).count(State.NEW)).isEqualTo(upTo(waves, 2));
        assertThat(at(good, 90).count(State.NEW)).isEqualTo(upTo(waves, 3));
        assertThat(at(good, 90).count(State.WAITING_FOR_WAVE)).isEqualTo(HOSTS - upTo(waves, 3));
    }

    @Test
    void everyHostRunsTheGoodVersionSoonAfterTheLastWaveStarted() {
        // The last wave starts 90 min after each host first saw 2.0 (within a minute of the commit), spread by up to
        // 6 s; then the download and the health check take under a minute.
        assertThat(at(good, 95).count(State.NEW)).isEqualTo(HOSTS);
        assertThat(good.waves()).allSatisfy(w -> assertThat(w.attachedNew()).isEqualTo(w.hosts()));
    }

    @Test
    void aVersionThatFailsInTheFirstWaveReachesNoLaterWave() {
        List<SimulatedFleet.WaveCount> waves = bad.waves();
        assertThat(waves.get(0).attachedNew()).isEqualTo(waves.get(0).hosts()).isPositive();
        assertThat(waves.subList(1, waves.size()))
                .allSatisfy(w -> assertThat(w.attachedNew()).isZero());
        SimulatedFleet.Row end = bad.rows().get(bad.rows().size() - 1);
        assertThat(end.count(State.ROLLED_BACK)).isEqualTo(waves.get(0).hosts());
        assertThat(end.count(State.HALTED)).isEqualTo(HOSTS - waves.get(0).hosts());
        assertThat(end.count(State.NEW)).isZero();
    }

    @Test
    void theFleetFetchesFromGitOncePerIntervalPerHost() {
        Traffic.Rate git = good.traffic().git(Scenario.COMMIT, Duration.ofMinutes(100));
        assertThat(git.average()).isBetween(HOSTS / 60.0 * 0.95, HOSTS / 60.0 * 1.05);
    }

    @Test
    void everyHostDownloadsTheNewVersionOnce() {
        assertThat(good.traffic().downloads()).hasSize(HOSTS);
        assertThat(bad.traffic().downloads()).hasSize(bad.waves().get(0).hosts());
    }

    private static int upTo(List<SimulatedFleet.WaveCount> waves, int count) {
        return waves.subList(0, count).stream()
                .mapToInt(SimulatedFleet.WaveCount::hosts)
                .sum();
    }

    private static SimulatedFleet.Row at(SimulatedFleet.Run run, long minutes) {
        return run.rows().stream()
                .filter(r -> r.after().equals(Duration.ofMinutes(minutes)))
                .findFirst()
                .orElseThrow();
    }
}

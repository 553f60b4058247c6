package dev.berth.model.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The wave formula is documented so that an operator can compute it; these values were computed independently with
 * {@code printf '%s/%s' MACHINE_ID IMAGE | sha256sum | cut -c1-16}, read as hex and divided by 2^64.
 */
class PositionTest {
    private static final String FIVE = "00000000000000000000000000000005";
    private static final String HIGH = "0000000000000000000000000000001a";

    private static HostIdentity host(String machineId, Map<String, String> labels) {
        return new HostIdentity("web-1", labels, machineId);
    }

    @Test
    void thePositionIsTheFirstEightBytesOfTheHashOverTwoToThe64() {
        // 0f83ba03f2eb594e / 2^64
        assertThat(Position.of(FIVE, "web")).isCloseTo(0.0606037387505415, within(1e-15));
        // d1a4c35a610fb389 / 2^64: another image puts the same host elsewhere
        assertThat(Position.of(FIVE, "db")).isCloseTo(0.8189203353550158, within(1e-15));
    }

    @Test
    void aHashWithItsTopBitSetIsReadUnsigned() {
        // ef9e531953922026 / 2^64: as a signed long it would be negative and the host always first
        assertThat(Position.of(HIGH, "web")).isCloseTo(0.9360095917541646, within(1e-15));
    }

    @Test
    void aHostIsInTheFirstPercentWaveAboveItsPosition() {
        Rollout rollout = new Rollout(
                List.of(
                        new Wave.Hosts(new HostSelector(List.of(), Map.of("ring", "canary"))),
                        new Wave.Percent(5),
                        new Wave.Percent(10),
                        new Wave.Percent(100)),
                Duration.ofMinutes(30),
                Optional.empty(),
                false);

        assertThat(rollout.waveOf(host(FIVE, Map.of()), "web")).isEqualTo(OptionalInt.of(2));
        assertThat(rollout.waveOf(host(FIVE, Map.of()), "db")).isEqualTo(OptionalInt.of(3));
        assertThat(rollout.waveOf(host(HIGH, Map.of("ring", "canary")), "web")).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void aHostNoWaveTakesIsInNone() {
        Rollout rollout = new Rollout(List.of(new Wave.Percent(50)), Duration.ofMinutes(30), Optional.empty(), false);

        assertThat(rollout.waveOf(host(HIGH, Map.of()), "web")).isEmpty();
    }

    @Test
    void waveKStartsKTimesEveryAfterTheRolloutStarts() {
        Rollout rollout = new Rollout(
                List.of(new Wave.Percent(10), new Wave.Percent(100)), Duration.ofMinutes(30), Optional.empty(), false);
        Instant started = Instant.parse("2026-12-03T09:00:00Z");

        assertThat(rollout.waveStart(0, started)).isEqualTo(started);
        assertThat(rollout.waveStart(2, started)).isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
    }
}

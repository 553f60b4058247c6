package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.ImageSpec;
import dev.berth.model.Manifest;
import dev.berth.model.Provenance;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.fleet.HostSelector;
import dev.berth.model.fleet.Rollout;
import dev.berth.model.fleet.Wave;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import dev.berth.model.plan.Wait;
import dev.berth.reconciler.fake.FakeFirstSeen;
import dev.berth.reconciler.fake.FakeFleetHealth;
import dev.berth.reconciler.fake.ManualClock;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.port.FirstSeen;
import dev.berth.reconciler.rollout.RolloutGate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A new version reaches a host when its wave starts, and not while the fleet reports the version failed. */
class RolloutGateTest {
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
    private static final Duration EVERY = Duration.ofMinutes(30);
    private static final Wave CANARIES = new Wave.Hosts(new HostSelector(List.of(), Map.of("ring", "canary")));
    private static final Rollout CANARIES_THEN_ALL =
            new Rollout(List.of(CANARIES, new Wave.Percent(100)), EVERY, Optional.empty(), false);
    private static final HostIdentity CANARY =
            new HostIdentity("canary-1", Map.of("ring", "canary"), "00000000000000000000000000000001");
    private static final HostIdentity WEB = new HostIdentity("web-1", Map.of(), "00000000000000000000000000000002");

    private final World world = new World();
    private final ManualClock clock = new ManualClock(T0);
    private final FakeFleetHealth fleet = new FakeFleetHealth();
    private final FirstSeen firstSeen = new FakeFirstSeen();

    /** This host runs hello 1.0, attached before any rollout. */
    private ImageSpec runningOne() {
        ImageSpec v1 = world.publish(TestImage.service("hello", "1.0"));
        world.apply(v1);
        return v1;
    }

    private Pass apply(HostIdentity host, ImageSpec spec, Rollout rollout) {
        world.gates = List.of(new RolloutGate(host, firstSeen, fleet, clock));
        return world.reconciler().apply(manifest(spec, rollout));
    }

    private Plan plan(HostIdentity host, ImageSpec spec, Rollout rollout) {
        world.gates = List.of(new RolloutGate(host, firstSeen, fleet, clock));
        return world.reconciler().plan(manifest(spec, rollout));
    }

    private static Manifest manifest(ImageSpec spec, Rollout rollout) {
        return new Manifest(List.of(spec), "m.yaml", Provenance.HOST, Map.of(spec.name(), rollout));
    }

    private List<String> attached() {
        return world.host.attached().stream().map(AttachedImage::label).toList();
    }

    private static Optional<Wait> waitIn(Plan plan) {
        return plan.waiting().stream().map(Finding.Waiting::cause).findFirst();
    }

    @Test
    void theFirstWaveMovesAtOnce() {
        runningOne();

        Pass pass = apply(CANARY, world.publish(TestImage.service("hello", "2.0")), CANARIES_THEN_ALL);

        assertThat(pass.converged()).isTrue();
        assertThat(attached()).containsExactly("hello 2.0");
        assertThat(fleet.asked()).as("the canaries protect themselves").isEmpty();
    }

    @Test
    void theSecondWaveWaitsUntilTheRolloutsStartPlusEveryThenMoves() {
        runningOne();
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));

        Pass waiting = apply(WEB, v2, CANARIES_THEN_ALL);

        assertThat(waiting.plan().steps()).isEmpty();
        assertThat(waiting.plan().waiting())
                .containsExactly(new Finding.Waiting(
                        "hello", Optional.of("2.0"), new Wait.ForWave(2, Optional.of(T0.plus(EVERY)))));
        assertThat(waiting.outcome("hello").orElseThrow().state()).isEqualTo(ImageOutcome.State.WAITING);
        assertThat(waiting.remaining().nextWaitEnds()).contains(T0.plus(EVERY));
        assertThat(world.fetcher.fetched())
                .as("nothing of 2.0 is downloaded yet")
                .hasSize(1);
        assertThat(attached()).containsExactly("hello 1.0");

        clock.advance(EVERY.minusSeconds(1));
        assertThat(apply(WEB, v2, CANARIES_THEN_ALL).plan().steps()).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        Pass moved = apply(WEB, v2, CANARIES_THEN_ALL);

        assertThat(moved.converged()).isTrue();
        assertThat(attached()).containsExactly("hello 2.0");
        assertThat(fleet.asked()).containsExactly("hello 2.0");
    }

    @Test
    void aPercentWaveTakesTheHostsWhosePositionIsBelowIt() {
        runningOne();
        // printf '%s/%s' 00000000000000000000000000000005 hello | sha256sum: 11cf63c56b54776b..., 0.0696 of 2^64
        HostIdentity host = new HostIdentity("web-7", Map.of(), "00000000000000000000000000000005");
        Rollout percents = new Rollout(
                List.of(new Wave.Percent(5), new Wave.Percent(7), new Wave.Percent(100)),
                EVERY,
                Optional.empty(),
                false);

        Plan plan = plan(host, world.publish(TestImage.service("hello", "2.0")), percents);

        assertThat(waitIn(plan)).contains(new Wait.ForWave(2, Optional.of(T0.plus(EVERY))));
    }

    @Test
    void aGivenStartRunsTheWavesFromThatTime() {
        runningOne();
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));
        Instant start = T0.plus(Duration.ofHours(1));
        Rollout later = new Rollout(CANARIES_THEN_ALL.waves(), EVERY, Optional.of(start), false);
        Rollout earlier = new Rollout(CANARIES_THEN_ALL.waves(), EVERY, Optional.of(T0.minus(EVERY)), false);

        assertThat(waitIn(plan(CANARY, v2, later))).contains(new Wait.ForWave(1, Optional.of(start)));
        assertThat(waitIn(plan(WEB, v2, later))).contains(new Wait.ForWave(2, Optional.of(start.plus(EVERY))));
        assertThat(plan(WEB, v2, earlier).steps()).extracting(Step::action).isNotEmpty();
        assertThat(plan(WEB, v2, earlier).waiting()).isEmpty();
    }

    @Test
    void aPausedRolloutStopsTheWavesThatHaveNotStartedOnly() {
        runningOne();
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));
        Rollout paused = new Rollout(CANARIES_THEN_ALL.waves(), EVERY, Optional.empty(), true);

        Plan web = plan(WEB, v2, paused);

        assertThat(waitIn(web)).contains(new Wait.ForWave(2, Optional.empty()));
        assertThat(web.nextWaitEnds())
                .as("only an edit of the manifest ends a pause")
                .isEmpty();
        assertThat(plan(CANARY, v2, paused).waiting())
                .as("the canaries' wave has started")
                .isEmpty();
    }

    @Test
    void aHostNoWaveTakesKeepsItsVersion() {
        runningOne();
        Rollout canariesOnly = new Rollout(List.of(CANARIES), EVERY, Optional.empty(), false);

        clock.advance(Duration.ofDays(30));
        Pass pass = apply(WEB, world.publish(TestImage.service("hello", "2.0")), canariesOnly);

        assertThat(pass.plan().waiting()).extracting(Finding.Waiting::cause).containsExactly(new Wait.OutsideWaves());
        assertThat(attached()).containsExactly("hello 1.0");
    }

    @Test
    void aFirstAttachNeverWaits() {
        Rollout canariesOnly = new Rollout(List.of(CANARIES), EVERY, Optional.of(T0.plus(EVERY)), true);

        Pass pass = apply(WEB, world.publish(TestImage.service("hello", "2.0")), canariesOnly);

        assertThat(pass.converged()).isTrue();
        assertThat(attached()).containsExactly("hello 2.0");
    }

    @Test
    void aNewProfileOnTheSameVersionIsNotPaced() {
        runningOne();

        Pass pass = apply(WEB, world.publish(TestImage.service("hello", "1.0"), "strict"), CANARIES_THEN_ALL);

        assertThat(pass.converged()).isTrue();
        assertThat(world.host.attached())
                .extracting(a -> a.profile().orElseThrow())
                .containsExactly("strict");
    }

    @Test
    void withoutAStartTheRolloutRunsFromWhenTheHostFirstSawTheVersionAcrossRestarts() {
        runningOne();
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));
        apply(WEB, v2, CANARIES_THEN_ALL);

        clock.advance(Duration.ofMinutes(20));
        // A restarted agent: a new gate over the same sightings.
        Plan plan = plan(WEB, v2, CANARIES_THEN_ALL);

        assertThat(waitIn(plan)).contains(new Wait.ForWave(2, Optional.of(T0.plus(EVERY))));
    }

    @Test
    void aNewVersionStartsANewRollout() {
        runningOne();
        apply(WEB, world.publish(TestImage.service("hello", "2.0")), CANARIES_THEN_ALL);
        clock.advance(Duration.ofMinutes(20));

        ImageSpec v3 = world.publish(TestImage.service("hello", "3.0"));
        Plan plan = plan(WEB, v3, CANARIES_THEN_ALL);

        assertThat(waitIn(plan))
                .contains(new Wait.ForWave(
                        2, Optional.of(T0.plus(Duration.ofMinutes(20)).plus(EVERY))));
    }

    @Test
    void aVersionAHostReportsFailedHaltsTheLaterWaves() {
        runningOne();
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));
        apply(WEB, v2, CANARIES_THEN_ALL);
        fleet.fail("hello", "2.0", "canary-1");
        fleet.fail("hello", "1.5", "canary-2");
        clock.advance(EVERY);

        Pass halted = apply(WEB, v2, CANARIES_THEN_ALL);

        assertThat(halted.plan().steps()).isEmpty();
        Wait.Halted why = (Wait.Halted) waitIn(halted.plan()).orElseThrow();
        assertThat(why.why()).startsWith("hello 2.0 failed on canary-1;").doesNotContain("canary-2");
        assertThat(attached()).containsExactly("hello 1.0");
        assertThat(world.fetcher.fetched()).hasSize(1);

        fleet.recover();
        Pass moved = apply(WEB, v2, CANARIES_THEN_ALL);

        assertThat(moved.converged()).as("a halt is looked at again every pass").isTrue();
        assertThat(attached()).containsExactly("hello 2.0");
    }

    @Test
    void aFleetThatCannotBeAskedHaltsTheLaterWaves() {
        runningOne();
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));
        fleet.down(Optional.of("Prometheus at http://prometheus:9090 answered 503"));
        clock.advance(Duration.ofDays(1));
        apply(WEB, v2, CANARIES_THEN_ALL);
        clock.advance(EVERY);

        Plan plan = plan(WEB, v2, CANARIES_THEN_ALL);

        assertThat(waitIn(plan))
                .contains(new Wait.Halted("cannot tell whether any host failed hello 2.0: Prometheus at"
                        + " http://prometheus:9090 answered 503; this host keeps what it runs and asks again every"
                        + " pass"));
        assertThat(plan.nextWaitEnds()).isEmpty();
    }

    @Test
    void manyFailedHostsAreCountedNotAllNamed() {
        runningOne();
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));
        for (int i = 1; i <= 7; i++) {
            fleet.fail("hello", "2.0", "canary-" + i);
        }
        Rollout started = new Rollout(CANARIES_THEN_ALL.waves(), EVERY, Optional.of(T0.minus(EVERY)), false);

        Wait.Halted why = (Wait.Halted) waitIn(plan(WEB, v2, started)).orElseThrow();

        assertThat(why.why())
                .startsWith("hello 2.0 failed on canary-1, canary-2, canary-3, canary-4, canary-5 and 2 more hosts;");
    }

    @Test
    void anImageWithoutARolloutMovesAtOnceBesideOneThatWaits() {
        runningOne();
        ImageSpec db = world.publish(TestImage.service("db", "1.0"));
        world.apply(world.publish(TestImage.service("hello", "1.0")), db);
        ImageSpec db2 = world.publish(TestImage.service("db", "2.0"));
        ImageSpec hello2 = world.publish(TestImage.service("hello", "2.0"));
        world.gates = List.of(new RolloutGate(WEB, firstSeen, fleet, clock));

        Pass pass = world.reconciler()
                .apply(new Manifest(
                        List.of(hello2, db2), "m.yaml", Provenance.HOST, Map.of("hello", CANARIES_THEN_ALL)));

        assertThat(attached()).containsExactlyInAnyOrder("hello 1.0", "db 2.0");
        assertThat(pass.plan().waiting()).extracting(Finding.Waiting::image).containsExactly("hello");
    }
}

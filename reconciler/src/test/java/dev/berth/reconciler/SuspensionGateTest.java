package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.model.Action;
import dev.berth.model.ImageSpec;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import dev.berth.model.plan.Wait;
import dev.berth.model.state.Suspension;
import dev.berth.reconciler.fake.FakeSuspensions;
import dev.berth.reconciler.fake.ManualClock;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.port.ChangeGate;
import dev.berth.reconciler.suspend.SuspensionGate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A suspended host is observed and planned, and changes nothing at all until the suspension ends. */
class SuspensionGateTest {
    private static final Instant SINCE = Instant.parse("2026-12-05T08:00:00Z");
    private static final Instant UNTIL = SINCE.plus(Duration.ofHours(2));

    private final World world = new World();
    private final ManualClock clock = new ManualClock(SINCE.plusSeconds(60));
    private final FakeSuspensions suspensions = new FakeSuspensions();

    @BeforeEach
    void gated() {
        world.gates = List.of(new SuspensionGate(suspensions, clock));
    }

    private void suspendUntil(Optional<Instant> until) {
        suspensions.suspend(new Suspension.Declared("alice", "kernel migration", SINCE, until));
    }

    @Test
    void aSuspendedHostChangesNothingAndSaysWhoSuspendedItWhyAndUntilWhen() {
        world.apply(world.publish(TestImage.service("hello", "1.0")));
        suspendUntil(Optional.of(UNTIL));

        Pass pass = world.apply(world.publish(TestImage.service("hello", "2.0")));

        assertThat(pass.plan().steps()).isEmpty();
        assertThat(pass.plan().waiting())
                .containsExactly(new Finding.Waiting(
                        "hello",
                        Optional.of("2.0"),
                        new Wait.Suspended("alice", "kernel migration", Optional.of(UNTIL))));
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0");
        assertThat(world.fetcher.fetched()).hasSize(1);
        assertThat(pass.converged()).isFalse();
        assertThat(pass.remaining().nextWaitEnds()).contains(UNTIL);
    }

    @Test
    void aSuspendedHostAttachesNoNewImageAndDetachesNothing() {
        world.apply(world.publish(TestImage.service("old", "1.0")));
        suspendUntil(Optional.empty());

        Pass pass = world.apply(world.publish(TestImage.service("new", "1.0")));

        assertThat(pass.plan().steps()).isEmpty();
        assertThat(pass.plan().waiting())
                .extracting(Finding.Waiting::image, Finding.Waiting::version)
                .containsExactlyInAnyOrder(tuple("new", Optional.of("1.0")), tuple("old", Optional.empty()));
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("old 1.0");
        assertThat(pass.remaining().nextWaitEnds()).isEmpty();
    }

    @Test
    void pruningAloneIsHeldWhileSuspended() {
        ImageSpec v1 = world.publish(TestImage.service("hello", "1.0"));
        world.apply(v1);
        world.gates = List.of(windowClosedForUpgrades());
        world.apply(world.publish(TestImage.service("hello", "2.0")));
        assertThat(world.pool.exists(Fixtures.path("hello", "2.0")))
                .as("downloaded ahead")
                .isTrue();
        world.gates = List.of();
        assertThat(world.plan(v1).steps()).extracting(Step::action).containsExactly(Action.PRUNE);

        world.gates = List.of(new SuspensionGate(suspensions, clock));
        suspendUntil(Optional.empty());
        Pass pass = world.apply(v1);

        assertThat(pass.plan().steps()).isEmpty();
        assertThat(world.pool.exists(Fixtures.path("hello", "2.0"))).isTrue();

        suspensions.resume();
        world.apply(v1);

        assertThat(world.pool.exists(Fixtures.path("hello", "2.0"))).isFalse();
    }

    @Test
    void anEndedSuspensionHoldsNothing() {
        world.apply(world.publish(TestImage.service("hello", "1.0")));
        suspendUntil(Optional.of(UNTIL));
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));
        assertThat(world.plan(v2).waiting()).hasSize(1);

        clock.advance(Duration.between(clock.instant(), UNTIL));
        Pass pass = world.apply(v2);

        assertThat(pass.converged()).isTrue();
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("hello 2.0");
    }

    @Test
    void aSuspensionThatCannotBeReadHoldsEverythingAndSaysWhatToDo() {
        world.apply(world.publish(TestImage.service("hello", "1.0")));
        suspensions.suspend(new Suspension.Unreadable("/var/lib/berth/suspension.json", "a symbolic link"));

        Plan plan = world.plan(world.publish(TestImage.service("hello", "2.0")));

        assertThat(plan.steps()).isEmpty();
        Wait.Suspended wait = (Wait.Suspended) plan.waiting().get(0).cause();
        assertThat(wait.by()).isEqualTo("/var/lib/berth/suspension.json");
        assertThat(wait.reason()).contains("a symbolic link").contains("berth resume removes it");
        assertThat(wait.until()).isEmpty();
    }

    @Test
    void aHostNotSuspendedGoesAhead() {
        world.apply(world.publish(TestImage.service("hello", "1.0")));

        Pass pass = world.apply(world.publish(TestImage.service("hello", "2.0")));

        assertThat(pass.converged()).isTrue();
        assertThat(pass.plan().steps()).extracting(Step::action).contains(Action.UPGRADE, Action.PRUNE);
    }

    /** Holds upgrades for a maintenance window that opens much later, downloading them ahead. */
    private static ChangeGate windowClosedForUpgrades() {
        return (desired, plan, observed, inventory) -> plan.steps().stream()
                .filter(Step.Upgrade.class::isInstance)
                .map(Step.Upgrade.class::cast)
                .collect(Collectors.toMap(
                        u -> u.spec().name(),
                        u -> new Finding.Waiting(
                                u.spec().name(),
                                Optional.of(u.spec().version()),
                                new Wait.ForWindow(UNTIL.plus(Duration.ofDays(1))))));
    }
}

package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.Action;
import dev.berth.model.ImageSpec;
import dev.berth.model.fleet.MaintenanceWindow;
import dev.berth.model.fleet.MaintenanceWindows;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import dev.berth.model.plan.Wait;
import dev.berth.reconciler.fake.ManualClock;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.window.WindowGate;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Changes that stop or restart a running unit wait for a maintenance window; everything else goes ahead. */
class WindowGateTest {
    /** Saturday 5 December 2026, noon in Berlin. */
    private static final Instant SATURDAY_NOON = Instant.parse("2026-12-05T11:00:00Z");
    /** Monday 02:00 in Berlin. */
    private static final Instant OPENS = Instant.parse("2026-12-07T01:00:00Z");

    private static final MaintenanceWindows WEEKDAY_NIGHTS = new MaintenanceWindows(List.of(new MaintenanceWindow(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(2, 0),
            Duration.ofHours(2),
            ZoneId.of("Europe/Berlin"))));

    private final World world = new World();
    private final ManualClock clock = new ManualClock(SATURDAY_NOON);

    WindowGateTest() {
        world.gates = List.of(new WindowGate(WEEKDAY_NIGHTS, clock));
    }

    private ImageSpec runningOne() {
        ImageSpec v1 = world.publish(TestImage.service("hello", "1.0"));
        world.apply(v1);
        return v1;
    }

    private List<String> attached() {
        return world.host.attached().stream().map(AttachedImage::label).toList();
    }

    private static Finding.Waiting forWindow(Optional<String> version) {
        return new Finding.Waiting("hello", version, new Wait.ForWindow(OPENS));
    }

    @Test
    void outsideAWindowAnUpgradeWaitsWhileItsNewVersionDownloads() {
        runningOne();
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));

        Pass pass = world.apply(v2);

        assertThat(pass.plan().steps()).extracting(Step::action).containsExactly(Action.FETCH);
        assertThat(pass.plan().waiting()).containsExactly(forWindow(Optional.of("2.0")));
        assertThat(pass.remaining().nextWaitEnds()).contains(OPENS);
        assertThat(pass.outcome("hello").orElseThrow().state()).isEqualTo(ImageOutcome.State.WAITING);
        assertThat(world.pool.exists(Fixtures.path("hello", "2.0"))).isTrue();
        assertThat(attached()).containsExactly("hello 1.0");
    }

    @Test
    void whenTheWindowOpensTheUpgradeRunsWithoutDownloadingAgain() {
        runningOne();
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));
        world.apply(v2);

        clock.advance(Duration.between(SATURDAY_NOON, OPENS));
        Pass pass = world.apply(v2);

        assertThat(pass.plan().steps()).extracting(Step::action).containsExactly(Action.UPGRADE, Action.PRUNE);
        assertThat(pass.converged()).isTrue();
        assertThat(attached()).containsExactly("hello 2.0");
        assertThat(world.fetcher.fetched()).hasSize(2);
    }

    @Test
    void theWindowClosesAgainAtItsEnd() {
        runningOne();
        clock.advance(Duration.between(SATURDAY_NOON, OPENS).plusHours(2));

        Plan plan = world.plan(world.publish(TestImage.service("hello", "2.0")));

        assertThat(plan.waiting())
                .extracting(Finding.Waiting::cause)
                .containsExactly(new Wait.ForWindow(OPENS.plus(Duration.ofDays(1))));
    }

    @Test
    void aNewProfileWaitsToo() {
        runningOne();

        Plan plan = world.plan(world.publish(TestImage.service("hello", "1.0"), "strict"));

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.waiting()).containsExactly(forWindow(Optional.of("1.0")));
    }

    @Test
    void aFirstAttachDoesNotWait() {
        Pass pass = world.apply(world.publish(TestImage.service("hello", "1.0")));

        assertThat(pass.converged()).isTrue();
        assertThat(attached()).containsExactly("hello 1.0");
    }

    @Test
    void unitsStoppedByHandAreStartedOutsideAWindow() {
        ImageSpec v1 = runningOne();
        world.host.stopByHand("hello");

        Pass pass = world.apply(v1);

        assertThat(pass.plan().steps()).extracting(Step::action).containsExactly(Action.START);
        assertThat(pass.converged()).isTrue();
    }

    @Test
    void anUpgradeOfAnImageWhoseUnitsDoNotRunGoesAhead() {
        runningOne();
        world.host.stopByHand("hello");

        Pass pass = world.apply(world.publish(TestImage.service("hello", "2.0")));

        assertThat(pass.plan().waiting()).isEmpty();
        assertThat(attached()).containsExactly("hello 2.0");
    }

    @Test
    void aRemovalWaitsWithItsFilesAndRunsWhenTheWindowOpens() {
        runningOne();

        Pass waiting = world.apply();

        assertThat(waiting.plan().steps()).isEmpty();
        assertThat(waiting.plan().waiting()).containsExactly(forWindow(Optional.empty()));
        assertThat(attached()).containsExactly("hello 1.0");
        assertThat(world.pool.exists(Fixtures.path("hello", "1.0"))).isTrue();

        clock.advance(Duration.between(SATURDAY_NOON, OPENS));
        Pass removed = world.apply();

        assertThat(removed.plan().steps()).extracting(Step::action).containsExactly(Action.DETACH);
        assertThat(attached()).isEmpty();
        assertThat(world.pool.exists(Fixtures.path("hello", "1.0"))).isFalse();
    }

    @Test
    void aVersionDownloadedAheadAndThenWithdrawnIsPrunedOutsideAWindow() {
        ImageSpec v1 = runningOne();
        world.apply(world.publish(TestImage.service("hello", "2.0")));

        Pass pass = world.apply(v1);

        assertThat(pass.plan().steps()).extracting(Step::action).containsExactly(Action.PRUNE);
        assertThat(world.pool.exists(Fixtures.path("hello", "2.0"))).isFalse();
        assertThat(pass.converged()).isTrue();
    }

    @Test
    void withoutWindowsNothingWaits() {
        runningOne();
        world.gates = List.of(new WindowGate(MaintenanceWindows.NONE, clock));

        Pass pass = world.apply(world.publish(TestImage.service("hello", "2.0")));

        assertThat(pass.converged()).isTrue();
        assertThat(attached()).containsExactly("hello 2.0");
    }

    @Test
    void onlyTheImageWhoseChangeInterruptsWaits() {
        ImageSpec hello = runningOne();
        world.apply(hello, world.publish(TestImage.service("db", "1.0")));
        ImageSpec web = world.publish(TestImage.service("web", "1.0"));

        Pass pass = world.apply(world.publish(TestImage.service("hello", "2.0")), web);

        assertThat(pass.plan().waiting()).extracting(Finding.Waiting::image).containsExactly("hello", "db");
        assertThat(attached()).containsExactlyInAnyOrder("hello 1.0", "db 1.0", "web 1.0");
    }
}

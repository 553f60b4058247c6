package dev.berth.reconciler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.Manifest;
import dev.berth.model.Reason;
import dev.berth.model.fleet.MaintenanceWindow;
import dev.berth.model.fleet.MaintenanceWindows;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Wait;
import dev.berth.model.state.FailedChange;
import dev.berth.model.state.Suspension;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.Executor;
import dev.berth.reconciler.Fixtures;
import dev.berth.reconciler.Planner;
import dev.berth.reconciler.Reconciler;
import dev.berth.reconciler.fake.FakeImageFetcher;
import dev.berth.reconciler.fake.FakeImagePool;
import dev.berth.reconciler.fake.FakeInventoryStore;
import dev.berth.reconciler.fake.FakePortableHost;
import dev.berth.reconciler.fake.FakeSuspensions;
import dev.berth.reconciler.fake.ManualClock;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.health.HealthPolicy;
import dev.berth.reconciler.health.UnitHealthGate;
import dev.berth.reconciler.port.ChangeGate;
import dev.berth.reconciler.port.DigestResolver;
import dev.berth.reconciler.port.ManifestSource;
import dev.berth.reconciler.port.ReconcileListener;
import dev.berth.reconciler.port.SourceSnapshot;
import dev.berth.reconciler.port.UnitLogs;
import dev.berth.reconciler.suspend.SuspensionGate;
import dev.berth.reconciler.window.WindowGate;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentLoopTest {
    private static final Schedule SCHEDULE =
            new Schedule(Duration.ofMinutes(1), 0.1, Duration.ofSeconds(5), Duration.ofSeconds(40));

    private final ManualClock clock = new ManualClock();
    private final FakePortableHost host = new FakePortableHost();
    private final FakeImagePool pool = new FakeImagePool(Fixtures.POOL);
    private final FakeImageFetcher fetcher = new FakeImageFetcher(pool);
    private final FakeInventoryStore store = new FakeInventoryStore();
    private final List<PassReport> reports = new ArrayList<>();
    private Manifest desired = new Manifest(List.of(), "repo@1");
    private BerthException sourceFailure;
    private List<ChangeGate> gates = List.of();
    private Schedule schedule = SCHEDULE;

    private final ManifestSource source = () -> {
        if (sourceFailure != null) {
            throw sourceFailure;
        }
        return new SourceSnapshot(desired, "rev-" + desired.images().size());
    };

    private ImageSpec publish(TestImage image) {
        return new dev.berth.reconciler.fake.Releases(fetcher, host, Fixtures.POOL).publish(image);
    }

    private AgentLoop loop(ManualWakeup wakeup) {
        UnitHealthGate health = new UnitHealthGate(
                host, HealthPolicy.DEFAULT, (u, t) -> Optional.empty(), UnitLogs.NONE, clock, clock.sleeper());
        Executor executor = new Executor(host, fetcher, pool, store, health, ReconcileListener.NONE, clock);
        Reconciler reconciler = new Reconciler(
                host,
                pool,
                store,
                new Planner(Fixtures.POOL),
                executor,
                DigestResolver.WITHOUT_KEYS,
                dev.berth.model.LocalPolicy.defaults(),
                clock,
                gates);
        return new AgentLoop(source, reconciler, schedule, wakeup, clock, () -> 0.5, new LoopListener() {
            @Override
            public void passFinished(PassReport report) {
                reports.add(report);
            }
        });
    }

    @Test
    void theFirstPassRunsAtOnceAndAConvergedHostWaitsTheInterval() throws InterruptedException {
        desired = new Manifest(List.of(publish(TestImage.service("hello", "1.0"))), "repo@1");
        ManualWakeup wakeup = new ManualWakeup(clock, 2);

        loop(wakeup).run();

        assertThat(reports).hasSize(3);
        assertThat(reports.get(0).outcome()).isEqualTo(PassReport.Outcome.CONVERGED);
        assertThat(reports.get(0).cause()).isEqualTo(Wakeup.Cause.TIMER);
        assertThat(reports.get(1).pass().orElseThrow().plan().isEmpty()).isTrue();
        assertThat(wakeup.waits()).containsOnly(Duration.ofMinutes(1));
    }

    @Test
    void aChangeThatWaitsForATimeWithinTheIntervalGetsItsPassThen() throws InterruptedException {
        desired = new Manifest(List.of(publish(TestImage.service("hello", "1.0"))), "repo@1");
        loop(new ManualWakeup(clock, 0)).run();
        desired = new Manifest(List.of(publish(TestImage.service("hello", "2.0"))), "repo@2");
        Instant opens = clock.instant().plusSeconds(20);
        gates = List.of((manifest, plan, observed, inventory) -> clock.instant().isBefore(opens)
                ? Map.of("hello", new Finding.Waiting("hello", Optional.of("2.0"), new Wait.ForWindow(opens)))
                : Map.of());
        ManualWakeup wakeup = new ManualWakeup(clock, 1);

        loop(wakeup).run();

        theUpgradeWaitedTwentySecondsThenRan(wakeup);
    }

    @Test
    void aSuspensionThatEndsWithinTheIntervalReleasesTheChangeThen() throws InterruptedException {
        desired = new Manifest(List.of(publish(TestImage.service("hello", "1.0"))), "repo@1");
        loop(new ManualWakeup(clock, 0)).run();
        desired = new Manifest(List.of(publish(TestImage.service("hello", "2.0"))), "repo@2");
        FakeSuspensions suspensions = new FakeSuspensions();
        suspensions.suspend(new Suspension.Declared(
                "alice", "", clock.instant(), Optional.of(clock.instant().plusSeconds(20))));
        gates = List.of(new SuspensionGate(suspensions, clock));
        ManualWakeup wakeup = new ManualWakeup(clock, 1);

        loop(wakeup).run();

        theUpgradeWaitedTwentySecondsThenRan(wakeup);
    }

    private void theUpgradeWaitedTwentySecondsThenRan(ManualWakeup wakeup) {
        assertThat(reports)
                .extracting(PassReport::outcome)
                .endsWith(PassReport.Outcome.WAITING, PassReport.Outcome.CONVERGED);
        // 20 s, then the spread of a time the fleet may share: jitter x interval x random = 0.1 x 60 s x 0.5.
        assertThat(wakeup.waits().get(0)).isBetween(Duration.ofSeconds(23), Duration.ofSeconds(24));
        assertThat(host.attached()).extracting(AttachedImage::label).containsExactly("hello 2.0");
    }

    @Test
    void whenAMaintenanceWindowOpensThePassRunsThenNotAtTheNextInterval() throws InterruptedException {
        schedule = new Schedule(Duration.ofHours(1), 0.1, Duration.ofSeconds(5), Duration.ofSeconds(40));
        Instant opens = clock.instant().plus(Duration.ofMinutes(20));
        MaintenanceWindows daily = new MaintenanceWindows(List.of(new MaintenanceWindow(
                EnumSet.allOf(DayOfWeek.class),
                LocalTime.ofInstant(opens, ZoneOffset.UTC),
                Duration.ofHours(1),
                ZoneOffset.UTC)));
        gates = List.of(new WindowGate(daily, clock));
        desired = new Manifest(List.of(publish(TestImage.service("hello", "1.0"))), "repo@1");
        loop(new ManualWakeup(clock, 0)).run();
        desired = new Manifest(List.of(publish(TestImage.service("hello", "2.0"))), "repo@2");
        reports.clear();
        ManualWakeup wakeup = new ManualWakeup(clock, 1);

        loop(wakeup).run();

        assertThat(reports)
                .extracting(PassReport::outcome)
                .containsExactly(PassReport.Outcome.WAITING, PassReport.Outcome.CONVERGED);
        assertThat(wakeup.waits().get(0)).as("not the hour's interval").isLessThan(Duration.ofMinutes(30));
        // Spread after the opening by jitter x interval x random (0.1 x 1h x 0.5), so a fleet does not all start
        // in one second.
        Instant spread = opens.plus(Duration.ofMinutes(3));
        assertThat(reports.get(1).started()).as("at the opening, spread").isBetween(spread, spread.plusSeconds(1));
        assertThat(host.attached()).extracting(AttachedImage::label).containsExactly("hello 2.0");
    }

    @Test
    void failingPassesBackOffExponentiallyToTheCapAndASuccessResetsIt() throws InterruptedException {
        sourceFailure = new BerthException(Reason.SourceUnavailable, "remote unreachable");
        clock.at(Duration.ofSeconds(150), () -> sourceFailure = null);
        ManualWakeup wakeup = new ManualWakeup(clock, 7);

        loop(wakeup).run();

        assertThat(wakeup.waits())
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(40),
                        Duration.ofSeconds(40),
                        Duration.ofSeconds(40),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(1));
        assertThat(reports.get(0).failure().orElseThrow().reason()).isEqualTo(Reason.SourceUnavailable);
        assertThat(reports.get(6).outcome()).isEqualTo(PassReport.Outcome.CONVERGED);
    }

    @Test
    void aTimeTheWholeFleetKnowsIsSpreadByUpToTheJitterOfTheInterval() {
        assertThat(SCHEDULE.spread(() -> 0.0)).isEqualTo(Duration.ZERO);
        assertThat(SCHEDULE.spread(() -> 0.5)).isEqualTo(Duration.ofSeconds(3));
        assertThat(new Schedule(Duration.ofMinutes(1), 0, Duration.ofSeconds(5), Duration.ofSeconds(40))
                        .spread(() -> 0.9))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void jitterSpreadsTheIntervalBothWays() {
        assertThat(SCHEDULE.next(0, () -> 0.0)).isEqualTo(Duration.ofSeconds(54));
        assertThat(SCHEDULE.next(0, () -> 0.9)).isEqualTo(Duration.ofMillis(64_800));
        assertThat(SCHEDULE.next(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aSignalRunsAPassAtOnce() throws InterruptedException {
        ManualWakeup wakeup = new ManualWakeup(clock, 0);
        wakeup.wake(Wakeup.Cause.SIGNAL);

        loop(wakeup).run();

        assertThat(reports).extracting(PassReport::cause).containsExactly(Wakeup.Cause.TIMER, Wakeup.Cause.SIGNAL);
        assertThat(reports.get(1).started()).isEqualTo(reports.get(0).finished());
    }

    @Test
    void stoppingLetsTheOpenHealthWindowFinishAndStartsNoOtherStep() throws InterruptedException {
        desired = new Manifest(List.of(publish(TestImage.service("old", "1"))), "repo@1");
        loop(new ManualWakeup(clock, 0)).run();
        reports.clear();
        ImageSpec a = publish(TestImage.service("a", "1"));
        ImageSpec b = publish(TestImage.service("b", "1"));
        desired = new Manifest(List.of(a, b), "repo@2");
        ManualWakeup wakeup = new ManualWakeup(clock, 5);
        AgentLoop loop = loop(wakeup);
        clock.at(Duration.ofSeconds(1), loop::stop);

        loop.run();

        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).outcome()).isEqualTo(PassReport.Outcome.STOPPED);
        assertThat(host.attached()).extracting(AttachedImage::label).containsExactlyInAnyOrder("a 1", "b 1", "old 1");
        assertThat(store.load().images().values())
                .allSatisfy(m -> assertThat(m.phase()).isEqualTo(dev.berth.model.state.ManagedImage.Phase.ATTACHED));
        assertThat(store.load().images()).containsKey("old");
    }

    @Test
    void aReleaseThatFailsItsHealthCheckIsRolledBackRememberedAndNotRetried() throws InterruptedException {
        ImageSpec v2 = publish(TestImage.service("hello", "2"));
        ImageSpec v3 = publish(TestImage.failing("hello", "3"));
        ImageSpec web = publish(TestImage.service("web", "1"));
        desired = new Manifest(List.of(v2), "repo@1");
        AgentLoop loop = loop(new ManualWakeup(clock, 0));
        loop.pass(Wakeup.Cause.TIMER);
        desired = new Manifest(List.of(v3, web), "repo@2");

        PassReport failed = loop.pass(Wakeup.Cause.CHANGE);
        PassReport next = loop.pass(Wakeup.Cause.TIMER);

        assertThat(failed.outcome()).isEqualTo(PassReport.Outcome.CHANGE_FAILED);
        assertThat(failed.failure().orElseThrow().getMessage())
                .contains("hello.service failed (result exit-code)")
                .contains("rolled back to hello 2 (profile default)");
        FailedChange remembered = store.load().failure("hello").orElseThrow();
        assertThat(remembered.reason()).isEqualTo(Reason.HealthCheckFailed);
        assertThat(remembered.undone()).isEqualTo(new Undone.RestoredTo("2"));
        assertThat(next.outcome()).isEqualTo(PassReport.Outcome.HELD);
        assertThat(host.attached()).extracting(AttachedImage::label).containsExactly("hello 2", "web 1");
        assertThat(host.calls().stream().filter(c -> c.equals("reattach " + Fixtures.path("hello", "3"))))
                .hasSize(1);
    }

    @Test
    void aChangedEntryForAFailedImageIsTriedAgain() {
        ImageSpec v2 = publish(TestImage.service("hello", "2"));
        ImageSpec v3 = publish(TestImage.failing("hello", "3"));
        ImageSpec v4 = publish(TestImage.service("hello", "4"));
        AgentLoop loop = loop(new ManualWakeup(clock, 0));
        desired = new Manifest(List.of(v2), "repo@1");
        loop.pass(Wakeup.Cause.TIMER);
        desired = new Manifest(List.of(v3), "repo@2");
        loop.pass(Wakeup.Cause.TIMER);
        desired = new Manifest(List.of(v4), "repo@3");

        PassReport fixed = loop.pass(Wakeup.Cause.TIMER);

        assertThat(fixed.outcome()).isEqualTo(PassReport.Outcome.CONVERGED);
        assertThat(host.attached()).extracting(AttachedImage::label).containsExactly("hello 4");
        assertThat(store.load().failures()).isEmpty();
    }

    @Test
    void aFirstAttachThatFailsItsHealthCheckLeavesTheHostAsItWas() {
        desired = new Manifest(List.of(publish(TestImage.failing("hello", "1"))), "repo@1");

        PassReport report = loop(new ManualWakeup(clock, 0)).pass(Wakeup.Cause.TIMER);

        assertThat(report.failure().orElseThrow().getMessage()).contains("was detached again, the host is as it was");
        assertThat(host.attached()).isEmpty();
        assertThat(store.load().images()).isEmpty();
        assertThat(store.load().failure("hello").orElseThrow().undone()).isEqualTo(Undone.DETACHED);
    }
}

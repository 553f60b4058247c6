package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Step;
import dev.berth.model.state.ManagedImage;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.fake.FakeInventoryStore;
import dev.berth.reconciler.fake.FakePortableHost;
import dev.berth.reconciler.fake.ManualClock;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.health.HealthPolicy;
import dev.berth.reconciler.health.UnitHealthGate;
import dev.berth.reconciler.port.ReconcileListener;
import dev.berth.reconciler.port.UnitLogs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Images changed one after the other share one health window; each is then kept or undone on its own. */
class SharedWindowTest {
    private static final Duration WINDOW = HealthPolicy.DEFAULT.stableFor();

    private final ManualClock clock = new ManualClock();
    private final World world = new World();
    private final FakePortableHost host = world.host;
    private final FakeInventoryStore store = world.store;
    private final List<List<Step>> windows = new ArrayList<>();

    SharedWindowTest() {
        world.clock = clock;
        world.health = new UnitHealthGate(
                host, HealthPolicy.DEFAULT, (u, t) -> Optional.empty(), UnitLogs.NONE, clock, clock.sleeper());
        world.listener = new ReconcileListener() {
            @Override
            public void watching(List<Step> steps) {
                windows.add(steps);
            }
        };
    }

    private ImageSpec publish(TestImage image) {
        return world.publish(image);
    }

    private Pass apply(List<ImageSpec> specs) {
        return world.apply(specs.toArray(ImageSpec[]::new));
    }

    private List<ImageSpec> services(int count, String version) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> publish(TestImage.service("s" + i, version)))
                .toList();
    }

    @Test
    void tenNewImagesTakeOneHealthWindowNotTen() {
        List<ImageSpec> ten = services(10, "1");
        Instant start = clock.instant();

        Pass pass = apply(ten);

        assertThat(pass.converged()).isTrue();
        assertThat(host.attached()).hasSize(10);
        assertThat(Duration.between(start, clock.instant())).isLessThan(WINDOW.multipliedBy(2));
        assertThat(windows).hasSize(1);
        assertThat(windows.get(0)).hasSize(10);
        assertThat(store.load().images().values())
                .allSatisfy(m -> assertThat(m.phase()).isEqualTo(ManagedImage.Phase.ATTACHED));
    }

    @Test
    void anImageThatFailsInTheMiddleOfTheWindowIsTheOnlyOneDetachedAgain() {
        List<ImageSpec> specs = new ArrayList<>(services(4, "1"));
        ImageSpec broken = publish(TestImage.failing("broken", "1"));
        specs.add(2, broken);
        Instant start = clock.instant();

        Pass pass = apply(specs);

        assertThat(Duration.between(start, clock.instant())).isLessThan(WINDOW.multipliedBy(2));
        assertThat(host.attached())
                .extracting(AttachedImage::label)
                .containsExactlyInAnyOrder("s1 1", "s2 1", "s3 1", "s4 1");
        assertThat(pass.execution().failures()).singleElement().satisfies(f -> {
            assertThat(f.step().image()).contains("broken");
            assertThat(f.error().reason()).isEqualTo(Reason.HealthCheckFailed);
            assertThat(f.undone()).isEqualTo(Undone.DETACHED);
        });
        assertThat(store.load().failures()).containsOnlyKeys("broken");
        assertThat(store.load().images()).containsOnlyKeys("s1", "s2", "s3", "s4");
        assertThat(pass.outcome("broken").orElseThrow().state()).isEqualTo(ImageOutcome.State.FAILED);
        assertThat(pass.outcome("s3").orElseThrow().state()).isEqualTo(ImageOutcome.State.CONVERGED);
    }

    @Test
    void aFailedUpgradeInASharedWindowIsRolledBackWhileTheOthersMoveOn() {
        apply(List.of(publish(TestImage.service("a", "1")), publish(TestImage.service("b", "1"))));
        windows.clear();
        ImageSpec badA = publish(TestImage.failing("a", "2"));
        ImageSpec b2 = publish(TestImage.service("b", "2"));
        ImageSpec c1 = publish(TestImage.service("c", "1"));

        Pass pass = apply(List.of(badA, b2, c1));

        assertThat(windows).hasSize(1);
        assertThat(host.attached()).extracting(AttachedImage::label).containsExactlyInAnyOrder("a 1", "b 2", "c 1");
        assertThat(pass.execution().failures())
                .singleElement()
                .satisfies(f -> assertThat(f.undone()).isEqualTo(new Undone.RestoredTo("1")));
        assertThat(store.load().failures().get("a").version()).isEqualTo("2");
        assertThat(store.load().images().values())
                .allSatisfy(m -> assertThat(m.phase()).isEqualTo(ManagedImage.Phase.ATTACHED));
    }

    @Test
    void aStopDuringAWindowWatchesItToTheEndAndKeepsWhatProvedHealthy() {
        List<ImageSpec> four = services(4, "1");
        List<Step> started = new ArrayList<>();
        world.listener = new ReconcileListener() {
            @Override
            public void stepStarted(Step step) {
                started.add(step);
            }
        };
        Executor executor = world.executor();
        var plan = world.plan(four.toArray(ImageSpec[]::new));

        Execution execution = executor.run(
                plan,
                store.load(),
                () -> started.stream().filter(s -> s instanceof Step.Attach).count() == 2);

        assertThat(execution.stopped()).isTrue();
        assertThat(execution.completed())
                .filteredOn(s -> s instanceof Step.Attach)
                .hasSize(2);
        assertThat(host.attached()).extracting(AttachedImage::label).containsExactlyInAnyOrder("s1 1", "s2 1");
        assertThat(store.load().images().values())
                .allSatisfy(m -> assertThat(m.phase()).isEqualTo(ManagedImage.Phase.ATTACHED));
    }
}

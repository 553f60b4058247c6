package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.Limits;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Manifest;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.PortableState;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.ManagedImage;
import dev.berth.reconciler.fake.FakeImageFetcher;
import dev.berth.reconciler.fake.FakeImagePool;
import dev.berth.reconciler.fake.FakeInventoryStore;
import dev.berth.reconciler.fake.FakePortableHost;
import dev.berth.reconciler.fake.ManualClock;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.health.HealthPolicy;
import dev.berth.reconciler.health.UnitHealthGate;
import dev.berth.reconciler.port.Attachment;
import dev.berth.reconciler.port.DigestResolver;
import dev.berth.reconciler.port.Download;
import dev.berth.reconciler.port.FetchedFile;
import dev.berth.reconciler.port.HealthGate;
import dev.berth.reconciler.port.ImageFetcher;
import dev.berth.reconciler.port.InventoryStore;
import dev.berth.reconciler.port.PortableHost;
import dev.berth.reconciler.port.ReconcileListener;
import dev.berth.reconciler.port.UnitLogs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kill -9 at any moment, then a restart: the agent converges without help and leaves nothing behind. Every host
 * call, download and inventory write of a pass is a moment to die at, before or after it takes effect; each is
 * tried.
 */
class CrashSafetyTest {
    /** The process dying: not an exception Berth could catch and handle. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** Counts every outside effect and dies at the chosen one. */
    static final class Reaper {
        final int killAt;
        final boolean afterEffect;
        int seen;

        Reaper(int killAt, boolean afterEffect) {
            this.killAt = killAt;
            this.afterEffect = afterEffect;
        }

        <T> T effect(Supplier<T> action) {
            seen++;
            if (seen == killAt && !afterEffect) {
                throw new Killed();
            }
            T result = action.get();
            if (seen == killAt) {
                throw new Killed();
            }
            return result;
        }

        void effect(Runnable action) {
            effect(() -> {
                action.run();
                return null;
            });
        }
    }

    private final FakePortableHost host = new FakePortableHost();
    private final FakeImagePool pool = new FakeImagePool(Fixtures.POOL);
    private final FakeImageFetcher fetcher = new FakeImageFetcher(pool);
    private final FakeInventoryStore store = new FakeInventoryStore();

    private ImageSpec publish(TestImage image) {
        return new dev.berth.reconciler.fake.Releases(fetcher, host, Fixtures.POOL).publish(image);
    }

    private Reconciler reconciler(PortableHost portable, ImageFetcher images, InventoryStore inventory) {
        return reconciler(portable, images, inventory, HealthGate.NONE);
    }

    private Reconciler reconciler(
            PortableHost portable, ImageFetcher images, InventoryStore inventory, HealthGate health) {
        Executor executor =
                new Executor(portable, images, pool, inventory, health, ReconcileListener.NONE, Clock.systemUTC());
        return new Reconciler(
                portable,
                pool,
                inventory,
                new Planner(Fixtures.POOL),
                executor,
                DigestResolver.WITHOUT_KEYS,
                LocalPolicy.permissive(false),
                Clock.systemUTC());
    }

    static Stream<Arguments> deaths() {
        return IntStream.rangeClosed(1, 40)
                .boxed()
                .flatMap(k -> Stream.of(Arguments.of(k, false), Arguments.of(k, true)));
    }

    @ParameterizedTest(name = "killed at effect {0} (after it took effect: {1})")
    @MethodSource("deaths")
    void aRestartAfterAKillAnywhereInAPassConverges(int killAt, boolean afterEffect) {
        restartAfterKillConverges(killAt, afterEffect, () -> {});
    }

    /**
     * portabled's reattach of a 2 detaches a 1 and then fails, leaving a.service running without unit files; the
     * pass is killed anywhere in what follows (the rollback included).
     */
    @ParameterizedTest(name = "killed at effect {0} (after it took effect: {1})")
    @MethodSource("deaths")
    void aRestartAfterAReattachRefusedHalfWayAndAKillAnywhereConverges(int killAt, boolean afterEffect) {
        restartAfterKillConverges(
                killAt,
                afterEffect,
                () -> host.failNextReattachHalfWay(new BerthException(Reason.AttachRejected, "cannot mount a_2.raw")));

        assertThat(host.runningWithoutUnitFiles()).isEmpty();
    }

    /** @param trouble what goes wrong in the pass that is killed, besides the kill; the restart is spared it */
    private void restartAfterKillConverges(int killAt, boolean afterEffect, Runnable trouble) {
        ImageSpec a1 = publish(TestImage.service("a", "1"));
        ImageSpec b1 = publish(TestImage.socketActivated("b", "1"));
        ImageSpec a2 = publish(TestImage.service("a", "2"));
        ImageSpec c1 = publish(TestImage.service("c", "1"));
        Manifest before = new Manifest(List.of(a1, b1), "m.yaml");
        Manifest after = new Manifest(List.of(a2, c1, withProfile(b1, "strict")), "m.yaml");
        assertThat(reconciler(host, fetcher, store).apply(before).converged()).isTrue();
        assertThat(host.runningWithoutUnitFiles()).isEmpty();

        Reaper reaper = new Reaper(killAt, afterEffect);
        trouble.run();
        boolean killed;
        try {
            reconciler(killing(host, reaper), killing(fetcher, reaper), killing(store, reaper))
                    .apply(after);
            killed = false;
        } catch (Killed death) {
            killed = true;
        }
        host.forgetFailures();
        Pass restarted = reconciler(host, fetcher, store).apply(after);

        assertThat(restarted.converged())
                .as("converged after the restart (killed: " + killed + ")")
                .isTrue();
        assertThat(host.attached()).extracting(AttachedImage::label).containsExactlyInAnyOrder("a 2", "b 1", "c 1");
        assertThat(host.attached()).allSatisfy(i -> assertThat(i.state()).isEqualTo(PortableState.RUNNING));
        assertThat(host.attached())
                .filteredOn(i -> i.name().equals("b"))
                .allSatisfy(i -> assertThat(i.profile()).contains("strict"));
        assertThat(pool.list())
                .extracting(f -> f.fileName())
                .containsExactlyInAnyOrder("a_2.raw", "b_1.raw", "c_1.raw");
        Inventory inventory = store.load();
        assertThat(inventory.images()).containsOnlyKeys("a", "b", "c");
        assertThat(inventory.images().values()).allSatisfy(m -> {
            assertThat(m.phase()).isEqualTo(ManagedImage.Phase.ATTACHED);
            assertThat(m.previous()).isNull();
        });
        assertThat(inventory.files().keySet())
                .isEqualTo(Set.of(Fixtures.path("a", "2"), Fixtures.path("b", "1"), Fixtures.path("c", "1")));
        assertThat(inventory.files().values())
                .allSatisfy(f -> assertThat(f.verified()).isTrue());
    }

    /**
     * One pass upgrades a, attaches c and d and changes b's profile, all in one shared health window; d never comes
     * up healthy and is undone. Killed anywhere in it, the images the window kept or undid are kept or undone, and d
     * is remembered as failed, after the restart at the latest.
     */
    @ParameterizedTest(name = "killed at effect {0} (after it took effect: {1})")
    @MethodSource("deaths")
    void aRestartAfterAKillAnywhereInASharedWindowWithAFailureKeepsOnlyTheHealthy(int killAt, boolean afterEffect) {
        Manifest after = sharedWindowWithAFailure();

        Reaper reaper = new Reaper(killAt, afterEffect);
        try {
            reconciler(killing(host, reaper), killing(fetcher, reaper), killing(store, reaper), unitGate(host))
                    .apply(after);
        } catch (Killed death) {
            // the restart below finds what the kill left
        }
        Pass restarted = reconciler(host, fetcher, store, unitGate(host)).apply(after);

        assertThat(host.attached()).extracting(AttachedImage::label).containsExactlyInAnyOrder("a 2", "b 1", "c 1");
        assertThat(host.runningWithoutUnitFiles()).isEmpty();
        assertThat(restarted.outcome("d").orElseThrow().state())
                .isIn(ImageOutcome.State.FAILED, ImageOutcome.State.HELD);
        // A pass with a failure stops before pruning; the next one, which holds d, prunes a 1.
        reconciler(host, fetcher, store, unitGate(host)).apply(after);
        Inventory inventory = store.load();
        assertThat(inventory.images()).containsOnlyKeys("a", "b", "c");
        assertThat(inventory.images().values())
                .allSatisfy(m -> assertThat(m.phase()).isEqualTo(ManagedImage.Phase.ATTACHED));
        assertThat(inventory.failures()).containsOnlyKeys("d");
        assertThat(pool.list())
                .extracting(f -> f.fileName())
                .containsExactlyInAnyOrder("a_2.raw", "b_1.raw", "c_1.raw");
    }

    @org.junit.jupiter.api.Test
    void theKillPointsTriedCoverEveryEffectOfTheSharedWindowPass() {
        Manifest after = sharedWindowWithAFailure();
        Reaper counter = new Reaper(Integer.MAX_VALUE, false);

        reconciler(killing(host, counter), killing(fetcher, counter), killing(store, counter), unitGate(host))
                .apply(after);

        assertThat(counter.seen).isBetween(20, 40);
    }

    /**
     * a 1 and b 1 converged; returns the manifest whose pass upgrades a, attaches c and d (whose service exits with
     * a failure) and moves b to the strict profile.
     */
    private Manifest sharedWindowWithAFailure() {
        ImageSpec a1 = publish(TestImage.service("a", "1"));
        ImageSpec b1 = publish(TestImage.socketActivated("b", "1"));
        ImageSpec a2 = publish(TestImage.service("a", "2"));
        ImageSpec c1 = publish(TestImage.service("c", "1"));
        ImageSpec d1 = publish(TestImage.failing("d", "1"));
        assertThat(reconciler(host, fetcher, store)
                        .apply(new Manifest(List.of(a1, b1), "m.yaml"))
                        .converged())
                .isTrue();
        return new Manifest(List.of(a2, c1, d1, withProfile(b1, "strict")), "m.yaml");
    }

    /** A health gate on a one-second window, on a clock that moves only when it sleeps. */
    private static HealthGate unitGate(PortableHost host) {
        ManualClock clock = new ManualClock();
        return new UnitHealthGate(
                host,
                new HealthPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(500)),
                (u, t) -> Optional.empty(),
                UnitLogs.NONE,
                clock,
                clock.sleeper());
    }

    @org.junit.jupiter.api.Test
    void theKillPointsTriedCoverEveryEffectOfThePass() {
        ImageSpec a1 = publish(TestImage.service("a", "1"));
        ImageSpec b1 = publish(TestImage.socketActivated("b", "1"));
        ImageSpec a2 = publish(TestImage.service("a", "2"));
        ImageSpec c1 = publish(TestImage.service("c", "1"));
        reconciler(host, fetcher, store).apply(new Manifest(List.of(a1, b1), "m.yaml"));
        Reaper counter = new Reaper(Integer.MAX_VALUE, false);

        reconciler(killing(host, counter), killing(fetcher, counter), killing(store, counter))
                .apply(new Manifest(List.of(a2, c1, withProfile(b1, "strict")), "m.yaml"));

        assertThat(counter.seen).isBetween(15, 40);
    }

    private static ImageSpec withProfile(ImageSpec s, String profile) {
        return new ImageSpec(
                s.name(),
                s.version(),
                s.url(),
                s.digest(),
                profile,
                s.matches(),
                s.enable(),
                s.start(),
                s.runtime(),
                s.origin(),
                s.health(),
                s.sidecars());
    }

    private static PortableHost killing(PortableHost host, Reaper reaper) {
        return new PortableHost() {
            @Override
            public List<AttachedImage> attached() {
                return host.attached();
            }

            @Override
            public Set<String> profiles() {
                return host.profiles();
            }

            @Override
            public Map<String, String> limitDropIns(List<AttachedImage> images) {
                return host.limitDropIns(images);
            }

            @Override
            public void limit(AttachedImage image, Limits limits) {
                reaper.effect(() -> host.limit(image, limits));
            }

            @Override
            public void attach(Attachment a) {
                reaper.effect(() -> host.attach(a));
            }

            @Override
            public void reattach(Attachment a) {
                reaper.effect(() -> host.reattach(a));
            }

            @Override
            public void start(Attachment a) {
                reaper.effect(() -> host.start(a));
            }

            @Override
            public void clean(AttachedImage image) {
                reaper.effect(() -> host.clean(image));
            }

            @Override
            public void detach(AttachedImage image) {
                reaper.effect(() -> host.detach(image));
            }

            @Override
            public List<String> stopOrphanedUnits(Attachment a) {
                return reaper.effect(() -> host.stopOrphanedUnits(a));
            }
        };
    }

    private static ImageFetcher killing(ImageFetcher fetcher, Reaper reaper) {
        return new ImageFetcher() {
            @Override
            public FetchedFile fetch(Download download, String target) {
                return reaper.effect(() -> fetcher.fetch(download, target));
            }
        };
    }

    private static InventoryStore killing(InventoryStore store, Reaper reaper) {
        return new InventoryStore() {
            @Override
            public Inventory load() {
                return store.load();
            }

            @Override
            public void save(Inventory inventory) {
                reaper.effect(() -> store.save(inventory));
            }
        };
    }
}

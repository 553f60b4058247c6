package dev.berth.reconciler;

import dev.berth.model.ImageSpec;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Manifest;
import dev.berth.model.plan.Plan;
import dev.berth.reconciler.fake.FakeImageFetcher;
import dev.berth.reconciler.fake.FakeImagePool;
import dev.berth.reconciler.fake.FakeInventoryStore;
import dev.berth.reconciler.fake.FakePortableHost;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.port.ChangeGate;
import dev.berth.reconciler.port.DigestResolver;
import dev.berth.reconciler.port.HealthGate;
import dev.berth.reconciler.port.ReconcileListener;
import java.time.Clock;
import java.util.List;

/** A host made of fakes, with images published at URLs, for executor and reconciler tests. */
final class World {
    final FakePortableHost host = new FakePortableHost();
    final FakeImagePool pool = new FakeImagePool(Fixtures.POOL);
    final FakeImageFetcher fetcher = new FakeImageFetcher(pool);
    final FakeInventoryStore store = new FakeInventoryStore();
    HealthGate health = HealthGate.NONE;
    ReconcileListener listener = ReconcileListener.NONE;
    DigestResolver digests = DigestResolver.WITHOUT_KEYS;
    LocalPolicy policy = LocalPolicy.permissive(false);
    List<ChangeGate> gates = List.of();
    Clock clock = Clock.systemUTC();

    ImageSpec publish(TestImage image, String profile) {
        return new dev.berth.reconciler.fake.Releases(fetcher, host, Fixtures.POOL).publish(image, profile);
    }

    ImageSpec publish(TestImage image) {
        return publish(image, "default");
    }

    Reconciler reconciler() {
        return new Reconciler(host, pool, store, new Planner(Fixtures.POOL), executor(), digests, policy, clock, gates);
    }

    Executor executor() {
        return new Executor(host, fetcher, pool, store, health, listener, clock);
    }

    Pass apply(ImageSpec... specs) {
        return reconciler().apply(new Manifest(List.of(specs), "m.yaml"));
    }

    Plan plan(ImageSpec... specs) {
        return reconciler().plan(new Manifest(List.of(specs), "m.yaml"));
    }
}

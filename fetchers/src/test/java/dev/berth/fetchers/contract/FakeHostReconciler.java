package dev.berth.fetchers.contract;

import dev.berth.fetchers.LocalImagePool;
import dev.berth.fetchers.UrlImageFetcher;
import dev.berth.model.LocalPolicy;
import dev.berth.reconciler.Executor;
import dev.berth.reconciler.Planner;
import dev.berth.reconciler.Reconciler;
import dev.berth.reconciler.fake.FakeInventoryStore;
import dev.berth.reconciler.fake.FakePortableHost;
import dev.berth.reconciler.port.DigestResolver;
import dev.berth.reconciler.port.HealthGate;
import dev.berth.reconciler.port.ReconcileListener;
import java.nio.file.Path;
import java.time.Clock;

/** A whole pass with the real downloader and pool on a fake host: what the pass-level fetcher tests run. */
final class FakeHostReconciler {
    private FakeHostReconciler() {}

    static Reconciler of(FakePortableHost host, UrlImageFetcher fetcher, Path pool, FakeInventoryStore store) {
        LocalImagePool images = new LocalImagePool(pool);
        Executor executor =
                new Executor(host, fetcher, images, store, HealthGate.NONE, ReconcileListener.NONE, Clock.systemUTC());
        return new Reconciler(
                host,
                images,
                store,
                new Planner(pool.toString()),
                executor,
                DigestResolver.WITHOUT_KEYS,
                LocalPolicy.permissive(true),
                Clock.systemUTC());
    }
}

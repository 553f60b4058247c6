package dev.berth.agent;

import dev.berth.reconciler.fake.FakeImageFetcher;
import dev.berth.reconciler.fake.FakeImagePool;
import dev.berth.reconciler.fake.FakeInventoryStore;
import dev.berth.reconciler.fake.FakePortableHost;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.port.DigestResolver;
import dev.berth.reconciler.port.ImageFetcher;
import dev.berth.reconciler.port.ImagePool;
import dev.berth.reconciler.port.InventoryStore;
import dev.berth.reconciler.port.PortableHost;

/** A whole host made of the reconciler's fakes, for fast command-line tests. */
public final class FakeHost implements Host {
    public static final String POOL = "/var/lib/portables";

    public final FakePortableHost portable = new FakePortableHost();
    public final FakeImagePool pool = new FakeImagePool(POOL);
    public final FakeImageFetcher fetcher = new FakeImageFetcher(pool);
    public final FakeInventoryStore inventory = new FakeInventoryStore();

    /** Publishes an image at https://images.example/NAME_VERSION.raw; returns the sha256 of its bytes. */
    public String publish(TestImage image) {
        return new dev.berth.reconciler.fake.Releases(fetcher, portable, POOL)
                .publish(image)
                .sha256()
                .hex();
    }

    @Override
    public PortableHost portable() {
        return portable;
    }

    @Override
    public ImagePool pool() {
        return pool;
    }

    @Override
    public ImageFetcher fetcher() {
        return fetcher;
    }

    @Override
    public InventoryStore inventory() {
        return inventory;
    }

    @Override
    public DigestResolver digests() {
        return DigestResolver.WITHOUT_KEYS;
    }

    @Override
    public dev.berth.model.LocalPolicy policy() {
        return dev.berth.model.LocalPolicy.permissive(true);
    }

    @Override
    public String poolDir() {
        return POOL;
    }

    @Override
    public void close() {}
}

package dev.berth.agent;

import dev.berth.agent.wiring.Host;
import dev.berth.agent.wiring.Machine;
import dev.berth.reconciler.fake.FakeImageFetcher;
import dev.berth.reconciler.fake.FakeImagePool;
import dev.berth.reconciler.fake.FakeInventoryStore;
import dev.berth.reconciler.fake.FakePortableHost;
import dev.berth.reconciler.fake.ManualClock;
import dev.berth.reconciler.fake.Releases;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.port.DigestResolver;
import dev.berth.reconciler.port.HttpProbe;
import dev.berth.reconciler.port.ImageFetcher;
import dev.berth.reconciler.port.ImagePool;
import dev.berth.reconciler.port.InventoryStore;
import dev.berth.reconciler.port.PortableHost;
import dev.berth.reconciler.port.Sleeper;
import dev.berth.reconciler.port.UnitLogs;
import java.time.Clock;
import java.util.Optional;

/**
 * A whole host made of the reconciler's fakes, for fast command-line tests. Time is a manual clock that a health
 * gate's waiting advances, so the configured stable window costs nothing.
 */
public final class FakeHost implements Host {
    public static final String POOL = "/var/lib/portables";

    public final FakePortableHost portable = new FakePortableHost();
    public final FakeImagePool pool = new FakeImagePool(POOL);
    public final FakeImageFetcher fetcher = new FakeImageFetcher(pool);
    public final FakeInventoryStore inventory = new FakeInventoryStore();
    public final ManualClock clock = new ManualClock();
    /** The machine as a test wants it; by default "fake-host" with a fixed machine-id. */
    public Machine machine = FixedMachine.DEFAULT;

    /** Publishes an image at https://images.example/NAME_VERSION.raw; returns the sha256 of its bytes. */
    public String publish(TestImage image) {
        return new Releases(fetcher, portable, POOL).publish(image).sha256().hex();
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
    public HttpProbe probe() {
        return (url, timeout) -> Optional.empty();
    }

    @Override
    public UnitLogs logs() {
        return UnitLogs.NONE;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Sleeper sleeper() {
        return clock.sleeper();
    }

    @Override
    public Machine machine() {
        return machine;
    }

    @Override
    public void close() {}
}

package dev.berth.agent.wiring;

import dev.berth.reconciler.port.DigestResolver;
import dev.berth.reconciler.port.HttpProbe;
import dev.berth.reconciler.port.ImageFetcher;
import dev.berth.reconciler.port.ImagePool;
import dev.berth.reconciler.port.InventoryStore;
import dev.berth.reconciler.port.PortableHost;
import dev.berth.reconciler.port.Sleeper;
import dev.berth.reconciler.port.UnitLogs;
import java.time.Clock;

/**
 * The outside world one Berth process works with, opened together and closed together: portabled and systemd,
 * the pool, downloads, the inventory, SHA256SUMS lists, health URLs, unit logs, time, and the machine itself. The real one talks D-Bus
 * and HTTP; command-line tests hand in fakes.
 */
public interface Host extends AutoCloseable {
    PortableHost portable();

    ImagePool pool();

    ImageFetcher fetcher();

    InventoryStore inventory();

    /** Reads sha256s from signed SHA256SUMS files. */
    DigestResolver digests();

    /** Asks an image's health URL. */
    HttpProbe probe();

    /** A failed unit's last log lines. */
    UnitLogs logs();

    Clock clock();

    Sleeper sleeper();

    /** The hostname and machine-id this host's identity is built from. */
    Machine machine();

    /** Drops every download under way, for a stopping agent; does nothing where nothing downloads. */
    default void cancelDownloads() {}

    @Override
    void close();
}

package dev.berth.agent;

import dev.berth.model.LocalPolicy;
import dev.berth.reconciler.port.DigestResolver;
import dev.berth.reconciler.port.ImageFetcher;
import dev.berth.reconciler.port.ImagePool;
import dev.berth.reconciler.port.InventoryStore;
import dev.berth.reconciler.port.PortableHost;

/** The adapters one command works with, opened together and closed together. */
public interface Host extends AutoCloseable {
    PortableHost portable();

    ImagePool pool();

    ImageFetcher fetcher();

    InventoryStore inventory();

    /** Reads sha256s from signed SHA256SUMS files. */
    DigestResolver digests();

    /** What this host allows, whatever the manifest says. */
    LocalPolicy policy();

    /** Where the pool is, as the host sees it. */
    String poolDir();

    @Override
    void close();
}

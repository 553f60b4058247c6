package dev.berth.agent.wiring;

import dev.berth.agent.config.Settings;
import dev.berth.agent.dbus.DbusPortableHost;
import dev.berth.agent.health.HttpHealthProbe;
import dev.berth.agent.health.JournalTail;
import dev.berth.agent.metrics.CountingProgress;
import dev.berth.agent.state.FileInventoryStore;
import dev.berth.fetchers.DownloadContext;
import dev.berth.fetchers.LocalImagePool;
import dev.berth.fetchers.ProgressReporter;
import dev.berth.fetchers.UrlImageFetcher;
import dev.berth.fetchers.sums.SignedSumsResolver;
import dev.berth.reconciler.port.DigestResolver;
import dev.berth.reconciler.port.HttpProbe;
import dev.berth.reconciler.port.Sleeper;
import dev.berth.reconciler.port.UnitLogs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.LongConsumer;

/**
 * The real outside world: D-Bus to portabled and systemd, the pool directory, downloads, the state directory.
 * Opening creates nothing on disk, so that {@code berth plan} changes nothing. The HTTP clients for downloads,
 * SHA256SUMS lists and health URLs are built on their first use, not before the agent is ready.
 */
public final class SystemHostConnector implements HostConnector {
    @Override
    public Host open(Settings settings, LongConsumer downloaded) {
        DownloadContext context = DownloadContext.system()
                .withProgress(new CountingProgress(ProgressReporter.forThisProcess(), downloaded));
        LazyFetcher fetcher =
                new LazyFetcher(() -> new UrlImageFetcher(settings.poolDir(), settings.download(), context));
        Lazy<SignedSumsResolver> sums = new Lazy<>(
                () -> new SignedSumsResolver(settings.trustedKeys(), settings.download(), context),
                SignedSumsResolver::close);
        return new SystemHost(
                new DbusPortableHost(settings.bus().orElse(null), Path.of("/")),
                new LocalImagePool(settings.poolDir()),
                fetcher,
                new FileInventoryStore(settings.stateDir(), settings.poolDir()),
                sums,
                new HttpHealthProbe(),
                new JournalTail(),
                Clock.systemUTC(),
                Sleeper.real(),
                MachineFiles.SYSTEM);
    }

    /** The opened adapters; closing closes the bus connection and the HTTP clients. */
    private record SystemHost(
            DbusPortableHost portable,
            LocalImagePool pool,
            LazyFetcher fetcher,
            FileInventoryStore inventory,
            Lazy<SignedSumsResolver> sums,
            HttpProbe probe,
            UnitLogs logs,
            Clock clock,
            Sleeper sleeper,
            Machine machine)
            implements Host {
        @Override
        public DigestResolver digests() {
            return (list, fileName, imageLabel) -> sums.get().sha256(list, fileName, imageLabel);
        }

        @Override
        public void cancelDownloads() {
            fetcher.cancelAll();
        }

        @Override
        public void close() {
            fetcher.close();
            sums.close();
            portable.close();
        }
    }
}

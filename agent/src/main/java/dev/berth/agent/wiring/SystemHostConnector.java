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
import dev.berth.reconciler.port.HttpProbe;
import dev.berth.reconciler.port.Sleeper;
import dev.berth.reconciler.port.UnitLogs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.LongConsumer;

/**
 * The real outside world: D-Bus to portabled and systemd, the pool directory, downloads, the state directory.
 * Opening creates nothing on disk, so that {@code berth plan} changes nothing.
 */
public final class SystemHostConnector implements HostConnector {
    @Override
    public Host open(Settings settings, LongConsumer downloaded) {
        DownloadContext context = DownloadContext.system()
                .withProgress(new CountingProgress(ProgressReporter.forThisProcess(), downloaded));
        UrlImageFetcher fetcher = new UrlImageFetcher(settings.poolDir(), settings.download(), context);
        SignedSumsResolver sums = new SignedSumsResolver(settings.trustedKeys(), settings.download(), context);
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
            UrlImageFetcher fetcher,
            FileInventoryStore inventory,
            SignedSumsResolver digests,
            HttpProbe probe,
            UnitLogs logs,
            Clock clock,
            Sleeper sleeper,
            Machine machine)
            implements Host {
        @Override
        public void cancelDownloads() {
            fetcher.cancelAll();
        }

        @Override
        public void close() {
            fetcher.close();
            digests.close();
            portable.close();
        }
    }
}

package dev.berth.agent;

import dev.berth.agent.cli.HostOptions;
import dev.berth.agent.dbus.DbusPortableHost;
import dev.berth.agent.state.FileInventoryStore;
import dev.berth.fetchers.DownloadContext;
import dev.berth.fetchers.DownloadPolicy;
import dev.berth.fetchers.LocalImagePool;
import dev.berth.fetchers.ProgressReporter;
import dev.berth.fetchers.UrlImageFetcher;
import dev.berth.fetchers.sums.SignedSumsResolver;
import dev.berth.model.BerthException;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the real adapters: D-Bus to portabled and systemd, the pool directory, downloads, the state directory. */
final class SystemHostConnector implements HostConnector {
    @Override
    public Host open(HostOptions options, java.util.function.LongConsumer downloaded) {
        Path pool = options.pool().toAbsolutePath().normalize();
        createDirectory(pool, "image pool");
        createDirectory(options.stateDir(), "state directory");
        DownloadPolicy policy = DownloadPolicy.defaults().withAllowHttp(options.allowHttp());
        DownloadContext context = DownloadContext.system()
                .withProgress(
                        new dev.berth.agent.metrics.CountingProgress(ProgressReporter.forThisProcess(), downloaded));
        return new SystemHost(
                new DbusPortableHost(options.bus(), Path.of("/")),
                new LocalImagePool(pool),
                new UrlImageFetcher(pool, policy, context),
                new FileInventoryStore(options.stateDir(), pool),
                new SignedSumsResolver(options.trustedKeys(), policy, context),
                LocalPolicy.permissive(options.allowHttp()),
                pool.toString());
    }

    private static void createDirectory(Path dir, String what) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BerthException(
                    Reason.StateUnavailable,
                    "cannot create the " + what + " " + dir + ": " + e
                            + "; run berth as root or choose another directory");
        }
    }

    /** The opened adapters; closing closes the bus connection and the HTTP client. */
    private record SystemHost(
            DbusPortableHost portable,
            LocalImagePool pool,
            UrlImageFetcher fetcher,
            FileInventoryStore inventory,
            SignedSumsResolver digests,
            LocalPolicy policy,
            String poolDir)
            implements Host {
        @Override
        public void close() {
            fetcher.close();
            digests.close();
            portable.close();
        }
    }
}

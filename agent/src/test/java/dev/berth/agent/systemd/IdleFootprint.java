package dev.berth.agent.systemd;

import ch.qos.logback.classic.Level;
import dev.berth.agent.dbus.DbusPortableHost;
import dev.berth.fetchers.DownloadContext;
import dev.berth.fetchers.DownloadPolicy;
import dev.berth.fetchers.UrlImageFetcher;
import dev.berth.fetchers.git.GitManifestSource;
import dev.berth.fetchers.git.GitSourceOptions;
import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.LocalPolicy;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.reconciler.port.SourceSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For measuring the agent's idle memory (packaging/measure-idle-rss.sh): does once what an agent pass does with
 * the agent's libraries (a git read with JGit, the manifest's images downloaded with OkHttp into a pool, a D-Bus
 * call to portabled with dbus-java, logback, JNA), keeps every client open as the agent would, prints "idle" and
 * sleeps.
 *
 * <p>With {@code -Dberth.bench.gcWhenIdle=true} it runs one full collection before it idles.
 *
 * <p>Arguments: GIT_URL STATE_DIR POOL_DIR BUS_ADDRESS [PASSES]. With more than one pass the images are deleted
 * and downloaded again each time, as new versions would be, so the heap has churned before the agent idles.
 */
public final class IdleFootprint {
    private IdleFootprint() {}

    public static void main(String[] args) throws Exception {
        Logging.configureForDaemon(Level.INFO);
        Logger log = LoggerFactory.getLogger(IdleFootprint.class);
        SystemdNotifier notifier = SystemdNotifier.fromEnvironment();
        LibsystemdNotifier.load(LibsystemdNotifier.LIBRARY, java.util.Optional.empty());
        Path state = Path.of(args[1]);
        Path pool = Files.createDirectories(Path.of(args[2]));
        int passes = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        GitManifestSource source = new GitManifestSource(
                GitSourceOptions.of(args[0], state), new HostIdentity("idle", Map.of(), "0".repeat(32)));
        UrlImageFetcher fetcher = new UrlImageFetcher(
                pool, DownloadPolicy.defaults().withLimits(LocalPolicy.permissive(true)), DownloadContext.system());
        SourceSnapshot snapshot = null;
        for (int pass = 1; pass <= passes; pass++) {
            snapshot = source.read();
            for (ImageSpec image : snapshot.manifest().images()) {
                Files.deleteIfExists(pool.resolve(image.fileName()));
                long started = System.nanoTime();
                fetcher.fetch(image, image.fileName());
                log.info(
                        "pass {}: fetched {} in {} ms",
                        pass,
                        image.fileName(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
        DbusPortableHost host = new DbusPortableHost(args[3], Path.of("/"));
        try {
            log.info("attached: {}", host.attached());
        } catch (BerthException e) {
            log.info("portabled: {}", e.getMessage());
        }
        if (Boolean.getBoolean("berth.bench.gcWhenIdle")) {
            // What a daemon could do after a pass that did work: give the heap back (MaxHeapFreeRatio).
            System.gc();
        }
        notifier.ready();
        log.info(
                "idle at revision {} ({} images)",
                snapshot.revision(),
                snapshot.manifest().images().size());
        System.out.println("idle");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

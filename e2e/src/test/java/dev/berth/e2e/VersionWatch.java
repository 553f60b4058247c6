package dev.berth.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks, in the background and every few hundred milliseconds, at which version of one image each host has attached
 * (the unit systemd has loaded, not what Berth reports), and remembers when each host was first seen with each
 * version: so a test can say a host never ran a version over a whole stretch of time, or when it first did.
 */
final class VersionWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VersionWatch.class);
    private static final Duration EVERY = Duration.ofMillis(250);

    private final String image;
    private final List<FleetHost> hosts;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastLook = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private VersionWatch(String image, List<FleetHost> hosts) {
        this.image = image;
        this.hosts = List.copyOf(hosts);
    }

    static VersionWatch start(String image, List<FleetHost> hosts) {
        VersionWatch watch = new VersionWatch(image, hosts);
        watch.look();
        ScheduledFuture<?> unused = watch.timer.scheduleWithFixedDelay(
                watch::look, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    private void look() {
        for (FleetHost host : hosts) {
            try {
                Optional<String> version = host.attached(image);
                Instant now = Instant.now();
                version.ifPresent(v -> firstSeen.putIfAbsent(host.name + "/" + v, now));
                lastLook.put(host.name, now);
            } catch (RuntimeException e) {
                LOG.warn("cannot see which {} {} runs: {}", image, host.name, e.getMessage());
            }
        }
    }

    /** When {@code host} was first seen running {@code version}, if it was. */
    Optional<Instant> first(FleetHost host, String version) {
        return Optional.ofNullable(firstSeen.get(host.name + "/" + version));
    }

    /** When the watch last looked at {@code host} successfully: what it says about the host holds until then. */
    Instant lastLook(FleetHost host) {
        return lastLook.getOrDefault(host.name, Instant.EPOCH);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

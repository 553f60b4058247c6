package dev.berth.reconciler.bench;

import dev.berth.model.state.FailedChange;
import dev.berth.reconciler.port.FleetHealth;
import dev.berth.reconciler.port.FleetReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet's health as Prometheus answers it: every host exports the versions it holds as failed
 * ({@code berth_image_failed_info}), and a failure becomes visible one scrape after the host recorded it.
 */
final class ScrapedFailures implements FleetHealth {
    private final Clock clock;
    private final Duration scrape;
    /** By host name, the "image version" keys it reports failed and since when they can be seen. */
    private final Map<String, Map<String, Instant>> reported = new TreeMap<>();

    ScrapedFailures(Clock clock, Duration scrape) {
        this.clock = clock;
        this.scrape = scrape;
    }

    /** What {@code host} holds as failed after its pass: its metric from the next scrape on. */
    void update(String host, Collection<FailedChange> failures) {
        Map<String, Instant> before = reported.getOrDefault(host, Map.of());
        Map<String, Instant> now = new HashMap<>();
        for (FailedChange f : failures) {
            String key = key(f.image(), f.version());
            now.put(key, before.getOrDefault(key, clock.instant().plus(scrape)));
        }
        if (now.isEmpty()) {
            reported.remove(host);
        } else {
            reported.put(host, now);
        }
    }

    @Override
    public FleetReport report(String image, String version) {
        String key = key(image, version);
        Instant now = clock.instant();
        List<String> hosts = new ArrayList<>();
        reported.forEach((host, failed) -> {
            Instant visible = failed.get(key);
            if (visible != null && !visible.isAfter(now)) {
                hosts.add(host);
            }
        });
        return hosts.isEmpty() ? new FleetReport.Healthy() : new FleetReport.Failed(hosts);
    }

    private static String key(String image, String version) {
        return image + " " + version;
    }
}

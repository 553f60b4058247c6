package dev.berth.reconciler.fake;

import dev.berth.reconciler.port.FirstSeen;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps first sightings in memory, as long as the instance lives; held to {@link FirstSeenContract}. */
public final class FakeFirstSeen implements FirstSeen {
    private Map<String, Sighting> sightings = Map.of();

    @Override
    public synchronized Map<String, Instant> seen(Map<String, String> current, Instant now) {
        Map<String, Sighting> next = new LinkedHashMap<>();
        current.forEach((image, version) -> {
            Sighting earlier = sightings.get(image);
            next.put(
                    image, earlier != null && earlier.version().equals(version) ? earlier : new Sighting(version, now));
        });
        sightings = next;
        Map<String, Instant> times = new LinkedHashMap<>();
        next.forEach((image, sighting) -> times.put(image, sighting.at()));
        return times;
    }

    private record Sighting(String version, Instant at) {}
}

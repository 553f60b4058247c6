package dev.berth.reconciler.port;

import java.time.Instant;
import java.util.Map;

/**
 * When this host first saw each version of an image whose rollout starts then (a rollout without {@code start}).
 * Kept across restarts, so that a restarted agent does not start a rollout's clock again.
 */
public interface FirstSeen {
    /**
     * The time this host first saw each image at the version {@code current} names: a version seen before keeps
     * its time, one never seen before is seen at {@code now}. Every other entry (another version, an image no
     * longer listed) is forgotten, so a version that comes back later starts a new rollout.
     *
     * @param current version by image name
     * @return the time by image name, for every image of {@code current}
     */
    Map<String, Instant> seen(Map<String, String> current, Instant now);
}

package dev.berth.agent.trigger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signatures of the last deliveries accepted, to ignore one sent again. A signature covers the body only, and a
 * body differs with every push; the delivery id headers are not signed, so a replay could carry a fresh one.
 * Forgetting the oldest costs at most one extra pass when that delivery comes again: a pass is safe to run at any
 * time.
 */
final class Deliveries {
    static final int REMEMBERED = 1000;

    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Remembers {@code signature}; false when it was remembered already. */
    synchronized boolean first(Signature signature) {
        return seen.put(signature.key(), Boolean.TRUE) == null;
    }
}

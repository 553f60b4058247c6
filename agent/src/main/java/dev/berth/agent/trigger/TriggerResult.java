package dev.berth.agent.trigger;

import java.util.Locale;

/** What became of one request on /trigger; the label of berth_triggers_total. */
public enum TriggerResult {
    /** Signed correctly and new: the loop was woken. */
    ACCEPTED,
    /** Not signed, signed wrongly, too large, or not a POST: nothing started. */
    REFUSED,
    /** Signed correctly but accepted before: nothing started. */
    REPLAYED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

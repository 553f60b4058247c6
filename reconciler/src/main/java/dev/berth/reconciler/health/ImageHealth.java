package dev.berth.reconciler.health;

import dev.berth.model.host.AttachedImage;
import java.util.Map;
import java.util.Set;

/** How an attached image looks right now, by the same rule the health gate applies over time. */
public record ImageHealth(State state, String detail) {
    /** One word for status output and metrics. */
    public enum State {
        HEALTHY,
        STARTING,
        UNHEALTHY
    }

    public static ImageHealth of(AttachedImage image) {
        Verdict verdict = UnitJudge.judge(image.units(), Map.of(), Set.of());
        if (verdict instanceof Verdict.Healthy) {
            return new ImageHealth(State.HEALTHY, "");
        }
        if (verdict instanceof Verdict.Failed failed) {
            return new ImageHealth(State.UNHEALTHY, failed.why());
        }
        return new ImageHealth(State.STARTING, ((Verdict.Waiting) verdict).why());
    }

    public boolean healthy() {
        return state == State.HEALTHY;
    }
}

package dev.berth.agent.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.Reason;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Wait;
import java.time.Instant;
import java.util.Optional;

/**
 * What a change waits for, in the words every output uses (plan, apply, status, log, systemd's status line) and
 * as JSON. Each kind of {@link Wait} is a case here, or this does not compile.
 */
public final class WaitView {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private WaitView() {}

    /** "web 2.0 waits for wave 2 at 2026-12-03T09:30:00Z", for a finding. */
    public static String describe(Finding.Waiting waiting) {
        String change = waiting.version().map(v -> "the move to " + v).orElse("its removal");
        return change + " is " + describe(waiting.cause());
    }

    /** "waiting for wave 2 at TIME", "suspended by NAME until TIME: REASON", ... */
    public static String describe(Wait wait) {
        return wait.accept(new Wait.Visitor<>() {
            @Override
            public String forWave(Wait.ForWave w) {
                return w.starts()
                        .map(at -> "waiting for wave " + w.wave() + " at " + at)
                        .orElse("waiting for wave " + w.wave() + ": the rollout is paused");
            }

            @Override
            public String outsideWaves(Wait.OutsideWaves w) {
                return "waiting: no wave of the rollout takes this host";
            }

            @Override
            public String halted(Wait.Halted w) {
                return Reason.RolloutHalted + ": " + w.why();
            }

            @Override
            public String forWindow(Wait.ForWindow w) {
                return "waiting for the maintenance window at " + w.opens();
            }

            @Override
            public String suspended(Wait.Suspended w) {
                return "suspended by " + w.by()
                        + w.until().map(u -> " until " + u).orElse("")
                        + (w.reason().isEmpty() ? "" : ": " + w.reason());
            }
        });
    }

    /** The kind of wait in one word ("wave", "halted", ...): the JSON's "kind" and the metrics' "wait" label. */
    public static String kind(Wait wait) {
        return wait.accept(new Wait.Visitor<>() {
            @Override
            public String forWave(Wait.ForWave w) {
                return "wave";
            }

            @Override
            public String outsideWaves(Wait.OutsideWaves w) {
                return "outsideWaves";
            }

            @Override
            public String halted(Wait.Halted w) {
                return "halted";
            }

            @Override
            public String forWindow(Wait.ForWindow w) {
                return "maintenanceWindow";
            }

            @Override
            public String suspended(Wait.Suspended w) {
                return "suspended";
            }
        });
    }

    /** {"kind": "wave", "wave": 2, "until": "..."} and the like; "until" is when the wait ends by itself. */
    public static ObjectNode json(Wait wait) {
        ObjectNode node = F.objectNode().put("kind", kind(wait));
        if (wait instanceof Wait.ForWave w) {
            node.put("wave", w.wave());
        } else if (wait instanceof Wait.Halted w) {
            node.put("reason", Reason.RolloutHalted.name()).put("why", w.why());
        } else if (wait instanceof Wait.Suspended w) {
            node.put("by", w.by()).put("reason", w.reason());
        }
        Optional<Instant> ends = wait.ends();
        ends.ifPresent(at -> node.put("until", at.toString()));
        node.put("message", describe(wait));
        return node;
    }
}

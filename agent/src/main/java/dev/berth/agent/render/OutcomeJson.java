package dev.berth.agent.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.reconciler.ImageOutcome;
import java.util.List;

/** Each image's outcome as JSON for programs, with stable field names. */
public final class OutcomeJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OutcomeJson() {}

    public static ArrayNode of(List<ImageOutcome> outcomes) {
        ArrayNode array = F.arrayNode();
        outcomes.forEach(o -> array.add(one(o)));
        return array;
    }

    static ObjectNode one(ImageOutcome o) {
        ObjectNode node = F.objectNode().put("image", o.image()).put("outcome", OutcomeText.word(o.state()));
        o.desired().ifPresent(d -> node.put("desiredVersion", d.version()).put("desiredProfile", d.profile()));
        o.attachedVersion().ifPresent(v -> node.put("attachedVersion", v));
        o.problem().ifPresent(p -> node.put("reason", p.reason().name()).put("message", p.message()));
        UndoneView undone = UndoneView.of(o.undone());
        ObjectNode undoneNode = node.putObject("undone").put("kind", undone.kind());
        if (undone.version() != null) {
            undoneNode.put("version", undone.version());
        }
        o.drift().ifPresent(d -> node.set("drift", PlanJson.finding(d)));
        o.waiting().ifPresent(w -> node.set("waiting", PlanJson.finding(w)));
        return node;
    }
}

package dev.berth.agent.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.state.Suspension;

/**
 * A suspension in the words {@code berth status}, {@code berth suspend} and {@code berth resume} use, and as JSON.
 * Each kind of {@link Suspension} is a case here, or this does not compile.
 */
public final class SuspensionView {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SuspensionView() {}

    /** "Suspended by alice since TIME until TIME: REASON", or "... until berth resume". */
    public static String describe(Suspension suspension) {
        return suspension.accept(new Suspension.Visitor<>() {
            @Override
            public String declared(Suspension.Declared s) {
                return "Suspended by " + s.by() + " since " + s.since() + " until "
                        + s.until().map(Object::toString).orElse("berth resume")
                        + (s.reason().isEmpty() ? "" : ": " + s.reason());
            }

            @Override
            public String unreadable(Suspension.Unreadable s) {
                return "Suspended: " + s.file() + ": " + s.reason();
            }
        });
    }

    /** {"kind": "declared", "by": ..., "reason": ..., "since": ..., "until": ..., "message": ...}. */
    public static ObjectNode json(Suspension suspension) {
        ObjectNode node = F.objectNode();
        suspension.accept(new Suspension.Visitor<ObjectNode>() {
            @Override
            public ObjectNode declared(Suspension.Declared s) {
                node.put("kind", "declared").put("by", s.by()).put("reason", s.reason());
                node.put("since", s.since().toString());
                s.until().ifPresent(u -> node.put("until", u.toString()));
                return node;
            }

            @Override
            public ObjectNode unreadable(Suspension.Unreadable s) {
                return node.put("kind", "unreadable").put("file", s.file()).put("why", s.why());
            }
        });
        return node.put("message", describe(suspension));
    }
}

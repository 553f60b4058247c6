package dev.berth.agent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.ImageSpec;
import dev.berth.model.Urls;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;

/** A plan as JSON for programs: one object per step with stable field names. */
public final class PlanJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PlanJson() {}

    public static ObjectNode of(Plan plan) {
        ObjectNode root = F.objectNode();
        root.put("changes", plan.steps().size());
        ArrayNode steps = root.putArray("steps");
        plan.steps().forEach(s -> steps.add(step(s)));
        ArrayNode refused = root.putArray("refused");
        plan.refused()
                .forEach(r -> refused.addObject()
                        .put("image", r.image())
                        .put("reason", r.reason().name())
                        .put("message", r.message()));
        ArrayNode unmanaged = root.putArray("unmanaged");
        plan.unmanaged()
                .forEach(u -> unmanaged
                        .addObject()
                        .put("image", u.attached().name())
                        .put("version", u.attached().version().orElse(null))
                        .put("imagePath", u.attached().imagePath())
                        .put("state", u.attached().state().wire()));
        return root;
    }

    public static ObjectNode step(Step step) {
        ObjectNode node = F.objectNode()
                .put("action", step.action().word())
                .put("image", step.image().orElse(null));
        if (step instanceof Step.Fetch f) {
            spec(node, f.spec())
                    .put("url", Urls.redact(f.spec().url()))
                    .put("sha256", f.spec().sha256().hex())
                    .put("target", f.target());
        } else if (step instanceof Step.Attach a) {
            spec(node, a.spec()).put("imagePath", a.imagePath());
        } else if (step instanceof Step.Upgrade u) {
            spec(node, u.spec())
                    .put("imagePath", u.imagePath())
                    .put("fromVersion", u.from().version().orElse(null))
                    .put("fromProfile", u.from().profile().orElse(null))
                    .put("fromImagePath", u.from().imagePath());
        } else if (step instanceof Step.Start s) {
            spec(node, s.spec()).put("state", s.attached().state().wire());
        } else if (step instanceof Step.Detach d) {
            node.put("version", d.managed().version())
                    .put("attached", d.attached().isPresent());
            d.files().forEach(node.putArray("files")::add);
        } else if (step instanceof Step.Prune p) {
            p.paths().forEach(node.putArray("files")::add);
        }
        return node;
    }

    private static ObjectNode spec(ObjectNode node, ImageSpec spec) {
        node.put("version", spec.version()).put("profile", spec.profile()).put("runtime", spec.runtime());
        spec.matches().forEach(node.putArray("matches")::add);
        return node;
    }
}

package dev.berth.agent.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.ImageSpec;
import dev.berth.model.Limits;
import dev.berth.model.Urls;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A plan as JSON for programs: one object per step and per finding, with stable field names. Every kind has its
 * rendering: the visitors below do not compile without one.
 */
public final class PlanJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PlanJson() {}

    public static ObjectNode of(Plan plan) {
        ObjectNode root = F.objectNode();
        root.put("changes", plan.steps().size());
        ArrayNode steps = root.putArray("steps");
        plan.steps().forEach(s -> steps.add(step(s)));
        ArrayNode refused = root.putArray("refused");
        ArrayNode unmanaged = root.putArray("unmanaged");
        ArrayNode drifted = root.putArray("drifted");
        ArrayNode waiting = root.putArray("waiting");
        for (Finding finding : plan.findings()) {
            ObjectNode node = finding(finding);
            finding.accept(new Finding.Visitor<ArrayNode>() {
                        @Override
                        public ArrayNode unmanaged(Finding.Unmanaged u) {
                            return unmanaged;
                        }

                        @Override
                        public ArrayNode refused(Finding.Refused r) {
                            return refused;
                        }

                        @Override
                        public ArrayNode drifted(Finding.Drifted d) {
                            return drifted;
                        }

                        @Override
                        public ArrayNode waiting(Finding.Waiting w) {
                            return waiting;
                        }
                    })
                    .add(node);
        }
        return root;
    }

    public static ObjectNode step(Step step) {
        ObjectNode node = F.objectNode().put("action", step.action().word());
        step.image().ifPresent(image -> node.put("image", image));
        return step.accept(new Step.Visitor<>() {
            @Override
            public ObjectNode fetch(Step.Fetch f) {
                return spec(node, f.spec())
                        .put("url", Urls.redact(f.spec().url()))
                        .put("sha256", f.spec().sha256().hex())
                        .put("target", f.target());
            }

            @Override
            public ObjectNode attach(Step.Attach a) {
                return spec(node, a.spec()).put("imagePath", a.imagePath());
            }

            @Override
            public ObjectNode upgrade(Step.Upgrade u) {
                return spec(node, u.spec())
                        .put("imagePath", u.imagePath())
                        .put("fromVersion", u.from().version().orElse(null))
                        .put("fromProfile", u.from().profile().orElse(null))
                        .put("fromImagePath", u.from().imagePath());
            }

            @Override
            public ObjectNode start(Step.Start s) {
                return spec(node, s.spec()).put("state", s.attached().state().wire());
            }

            @Override
            public ObjectNode limit(Step.Limit l) {
                spec(node, l.spec()).put("imagePath", l.attached().imagePath());
                limits(node.putObject("limits"), l.spec().limits());
                limits(node.putObject("fromLimits"), l.from());
                return node;
            }

            @Override
            public ObjectNode detach(Step.Detach d) {
                node.put("version", d.managed().version())
                        .put("attached", d.attached().isPresent())
                        .put("clean", d.managed().clean());
                d.files().forEach(node.putArray("files")::add);
                return node;
            }

            @Override
            public ObjectNode prune(Step.Prune p) {
                p.paths().forEach(node.putArray("files")::add);
                return node;
            }
        });
    }

    public static ObjectNode finding(Finding finding) {
        ObjectNode node = F.objectNode().put("image", finding.image());
        return finding.accept(new Finding.Visitor<>() {
            @Override
            public ObjectNode unmanaged(Finding.Unmanaged u) {
                return node.put("version", u.attached().version().orElse(null))
                        .put("imagePath", u.attached().imagePath())
                        .put("state", u.attached().state().wire());
            }

            @Override
            public ObjectNode refused(Finding.Refused r) {
                return node.put("reason", r.reason().name()).put("message", r.message());
            }

            @Override
            public ObjectNode drifted(Finding.Drifted d) {
                return node.put("kind", d.kind().name().toLowerCase(Locale.ROOT))
                        .put("what", d.what())
                        .put("corrected", d.corrected());
            }

            @Override
            public ObjectNode waiting(Finding.Waiting w) {
                node.put("version", w.version().orElse(null));
                node.set("wait", WaitView.json(w.cause()));
                return node;
            }
        });
    }

    /** Who the plan is for: the host's name, labels and machine-id. */
    public static ObjectNode host(HostIdentity host) {
        ObjectNode node = F.objectNode().put("name", host.name());
        ObjectNode labels = node.putObject("labels");
        new TreeMap<>(host.labels()).forEach(labels::put);
        return node.put("machineId", host.machineId());
    }

    private static void limits(ObjectNode node, Limits limits) {
        limits.byProperty().forEach(node::put);
    }

    private static ObjectNode spec(ObjectNode node, ImageSpec spec) {
        node.put("version", spec.version()).put("profile", spec.profile()).put("runtime", spec.runtime());
        spec.matches().forEach(node.putArray("matches")::add);
        if (!spec.limits().isEmpty()) {
            limits(node.putObject("limits"), spec.limits());
        }
        // Which manifest entry applies to this host: with targeting, the same image may have several.
        node.putObject("origin")
                .put("file", spec.origin().file())
                .put("line", spec.origin().line());
        return node;
    }
}

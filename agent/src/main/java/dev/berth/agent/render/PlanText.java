package dev.berth.agent.render;

import dev.berth.model.ImageSpec;
import dev.berth.model.Limits;
import dev.berth.model.Urls;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as a person reviews it, like a diff: "+" attaches, "~" changes, "-" removes, "!" refuses, "=" leaves
 * alone, "?" reports drift it does not correct. One line per step, in the order they run, then the findings; a step
 * that attaches, upgrades or starts an image names the manifest entry (file:line) that applies to this host. Every
 * kind of step and finding has its line: the visitors below do not compile without one.
 */
public final class PlanText {
    private PlanText() {}

    public static List<String> lines(Plan plan) {
        List<String> lines = new ArrayList<>();
        for (Step step : plan.steps()) {
            lines.add(step(step));
        }
        for (Finding finding : plan.findings()) {
            lines.add(finding(finding));
        }
        return lines;
    }

    /** "3 steps: 1 fetch, 1 attach, 1 detach". */
    public static String summary(Plan plan) {
        if (plan.isEmpty()) {
            return "no changes";
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        plan.steps().forEach(s -> counts.merge(s.action().word(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((action, n) -> parts.add(n + " " + action));
        int size = plan.steps().size();
        return size + (size == 1 ? " step: " : " steps: ") + String.join(", ", parts);
    }

    public static String step(Step step) {
        return step.accept(new Step.Visitor<>() {
            @Override
            public String fetch(Step.Fetch f) {
                return row(
                        " ",
                        "fetch",
                        f.spec().label(),
                        Urls.redact(f.spec().url()) + " (sha256 "
                                + f.spec().sha256().shortHex() + "...)");
            }

            @Override
            public String attach(Step.Attach a) {
                return row("+", "attach", a.spec().label(), attachDetails(a.spec()) + from(a.spec()));
            }

            @Override
            public String upgrade(Step.Upgrade u) {
                return row("~", "upgrade", u.spec().name(), changes(u.from(), u.spec()) + from(u.spec()));
            }

            @Override
            public String start(Step.Start s) {
                return row(
                        "~",
                        "start",
                        s.spec().label(),
                        "units are " + s.attached().state() + ": " + (s.spec().enable() ? "enable and start" : "start")
                                + from(s.spec()));
            }

            @Override
            public String limit(Step.Limit l) {
                String what = l.spec().limits().isEmpty()
                        ? "remove the limits"
                        : "limits " + limits(l.spec().limits());
                return row("~", "limit", l.spec().label(), what + ", restart running units" + from(l.spec()));
            }

            @Override
            public String detach(Step.Detach d) {
                String what = d.attached().isPresent()
                        ? (d.managed().clean()
                                ? "stop, delete the units' data, disable, detach"
                                : "stop, disable, detach")
                        : "already detached, forget it";
                return row(
                        "-",
                        "detach",
                        d.managed().label(),
                        what + (d.files().isEmpty() ? "" : "; delete " + names(d.files())));
            }

            @Override
            public String prune(Step.Prune p) {
                return row("-", "prune", "", "delete " + names(p.paths()) + " (no longer used)");
            }
        });
    }

    /** What a step does to what, in two words: "attach hello", "prune pool". */
    public static String subject(Step step) {
        return step.action().word() + " " + step.image().orElse("pool");
    }

    /** The images of {@code steps}, comma separated. */
    public static String images(List<Step> steps) {
        return String.join(
                ", ", steps.stream().map(s -> s.image().orElse("pool")).toList());
    }

    public static String finding(Finding finding) {
        return finding.accept(new Finding.Visitor<>() {
            @Override
            public String unmanaged(Finding.Unmanaged u) {
                AttachedImage a = u.attached();
                return row(
                        "=",
                        "unmanaged",
                        a.label(),
                        "attached outside Berth from " + a.imagePath() + " (" + a.state() + "); left alone");
            }

            @Override
            public String refused(Finding.Refused r) {
                return row("!", "refused", r.image(), r.reason() + ": " + r.message());
            }

            @Override
            public String drifted(Finding.Drifted d) {
                return d.corrected()
                        ? row("~", "drift", d.image(), d.what() + "; put back by the steps above")
                        : row("?", "drift", d.image(), d.what() + "; left as it is (driftCorrection is off)");
            }

            @Override
            public String waiting(Finding.Waiting w) {
                return row("*", "waiting", w.image(), WaitView.describe(w));
            }
        });
    }

    /** " (fleet.yaml:23)": the manifest entry that applies, since an image may have one entry per group of hosts. */
    private static String from(ImageSpec spec) {
        return " (" + spec.origin() + ")";
    }

    private static String attachDetails(ImageSpec spec) {
        List<String> parts = new ArrayList<>();
        parts.add("profile " + spec.profile());
        parts.add("units " + String.join(",", spec.matches()) + "*");
        if (spec.enable()) {
            parts.add("enable");
        }
        if (spec.start()) {
            parts.add("start");
        }
        if (spec.runtime()) {
            parts.add("runtime");
        }
        if (!spec.limits().isEmpty()) {
            parts.add("limits " + limits(spec.limits()));
        }
        return String.join(", ", parts);
    }

    /** "MemoryMax=256M TasksMax=64", as the drop-in sets them. */
    static String limits(Limits limits) {
        List<String> parts = new ArrayList<>();
        limits.byProperty().forEach((property, value) -> parts.add(property + "=" + value));
        return String.join(" ", parts);
    }

    private static String changes(AttachedImage from, ImageSpec spec) {
        List<String> parts = new ArrayList<>();
        String version = from.version().orElse("?");
        parts.add(
                version.equals(spec.version()) ? "version " + version : "version " + version + " -> " + spec.version());
        String profile = from.profile().orElse("?");
        if (!profile.equals(spec.profile())) {
            parts.add("profile " + profile + " -> " + spec.profile());
        }
        if (from.runtime() != spec.runtime()) {
            parts.add(spec.runtime() ? "attach under /run" : "attach persistently");
        }
        if (!spec.limits().isEmpty()) {
            parts.add("limits " + limits(spec.limits()));
        }
        parts.add("restart units");
        return String.join(", ", parts);
    }

    static String row(String sign, String action, String image, String details) {
        return String.format("  %s %-9s %-14s %s", sign, action, image, details).stripTrailing();
    }

    private static String names(List<String> paths) {
        return String.join(
                ", ",
                paths.stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).toList());
    }
}

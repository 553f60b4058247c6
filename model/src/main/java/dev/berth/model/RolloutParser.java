package dev.berth.model;

import dev.berth.model.fleet.Rollout;
import dev.berth.model.fleet.Wave;
import dev.berth.model.yaml.Fields;
import dev.berth.model.yaml.YamlNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code rollout:} block of a manifest entry as strictly as the rest of the manifest: unknown fields, an
 * empty wave list, percents that do not grow and malformed times are all reported, each with its line.
 */
public final class RolloutParser {
    static final Set<String> ROLLOUT = Set.of("waves", "every", "start", "paused");
    static final Set<String> WAVE = Set.of("hosts", "percent");
    /** A percent as the text of a whole number; its range is checked apart. */
    static final Pattern PERCENT = Pattern.compile("\\d{1,3}");

    private RolloutParser() {}

    /** The rollout the block {@code r} describes, or empty when it has problems (reported to its problems). */
    public static Optional<Rollout> read(Fields r) {
        r.rejectUnknown(ROLLOUT);
        int before = r.problems().count();
        List<Wave> waves = waves(r);
        Optional<Duration> every = r.duration("every");
        if (waves.size() > 1 && every.isEmpty() && !r.has("every")) {
            r.problems()
                    .add(
                            r.position(),
                            r.path("every"),
                            "is required with more than one wave: wave k starts k * every after the rollout starts"
                                    + " (e.g. every: 30m)");
        }
        if (waves.size() > 1 && every.filter(Duration::isZero).isPresent()) {
            r.problems()
                    .add(
                            r.positionOf("every"),
                            r.path("every"),
                            "must be longer than 0s: with 0s every wave starts at once (use one wave of percent: 100)");
        }
        Optional<Instant> start = r.text("start").flatMap(t -> instant(r, t));
        boolean paused = r.bool("paused", false);
        if (r.problems().count() > before || waves.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rollout(waves, every.orElse(Duration.ZERO), start, paused));
    }

    private static List<Wave> waves(Fields r) {
        if (!r.require("waves")) {
            return List.of();
        }
        List<YamlNode> items = r.list("waves").orElse(List.of());
        if (items.isEmpty()
                && r.node("waves").filter(YamlNode.Sequence.class::isInstance).isPresent()) {
            r.problems()
                    .add(
                            r.positionOf("waves"),
                            r.path("waves"),
                            "must list at least one wave, e.g. [{hosts: {labels: {ring: canary}}}, {percent: 100}]");
        }
        List<Wave> waves = new ArrayList<>();
        int lastPercent = 0;
        String lastPercentAt = "";
        for (int i = 0; i < items.size(); i++) {
            String path = r.path("waves") + "[" + i + "]";
            Optional<Fields> item = Fields.of(items.get(i), path, r.problems());
            Optional<Wave> wave = item.flatMap(RolloutParser::wave);
            if (wave.isPresent() && wave.get() instanceof Wave.Percent percent) {
                if (percent.percent() <= lastPercent) {
                    item.get()
                            .problems()
                            .add(
                                    item.get().positionOf("percent"),
                                    item.get().path("percent"),
                                    "must be more than the " + lastPercent + " of " + lastPercentAt
                                            + ": a percent wave takes the hosts below its percent that no earlier"
                                            + " wave took, so percents grow from wave to wave");
                }
                lastPercent = Math.max(lastPercent, percent.percent());
                lastPercentAt = path;
            }
            wave.ifPresent(waves::add);
        }
        return waves;
    }

    private static Optional<Wave> wave(Fields w) {
        w.rejectUnknown(WAVE);
        if (w.has("hosts") == w.has("percent")) {
            w.problems()
                    .add(
                            w.position(),
                            w.path("percent"),
                            "give exactly one of hosts (which hosts, by name or label) and percent (a share of the"
                                    + " hosts, from 1 to 100)");
            return Optional.empty();
        }
        if (w.has("hosts")) {
            return HostSelectors.read(w, "hosts").map(Wave.Hosts::new);
        }
        String rule = "must be a whole number from 1 to 100";
        return w.checked("percent", w.text("percent"), t -> PERCENT.matcher(t).matches() && inRange(t), rule)
                .map(t -> new Wave.Percent(Integer.parseInt(t)));
    }

    private static boolean inRange(String digits) {
        int n = Integer.parseInt(digits);
        return n >= 1 && n <= 100;
    }

    private static Optional<Instant> instant(Fields r, String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            r.problems()
                    .add(
                            r.positionOf("start"),
                            r.path("start"),
                            "must be an ISO-8601 time with its offset, such as 2026-12-03T09:00:00Z, got \"" + text
                                    + "\"");
            return Optional.empty();
        }
    }
}

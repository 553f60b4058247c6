package dev.berth.agent.config;

import dev.berth.model.fleet.MaintenanceWindow;
import dev.berth.model.fleet.MaintenanceWindows;
import dev.berth.model.yaml.Fields;
import dev.berth.model.yaml.YamlNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code maintenance:}, the host's maintenance windows, strictly: a list of
 * {@code {days: [mon, ...], start: "02:00", duration: 2h, timeZone: Europe/Berlin}}. Absent or empty: no windows, and
 * nothing waits for one.
 */
final class MaintenanceConfig {
    static final String KEY = "maintenance";
    static final Set<String> FIELDS = Set.of("days", "start", "duration", "timeZone");
    static final Pattern DAY =
            Pattern.compile("mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday");
    private static final String DAY_RULE = "must be a day of the week: mon, tue, wed, thu, fri, sat or sun";
    static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private MaintenanceConfig() {}

    /** The windows under {@code maintenance:} in {@code top}; problems go to its problems. */
    static MaintenanceWindows read(Fields top) {
        List<YamlNode> items = top.list(KEY).orElse(List.of());
        List<MaintenanceWindow> windows = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields.of(items.get(i), top.path(KEY) + "[" + i + "]", top.problems())
                    .flatMap(MaintenanceConfig::window)
                    .ifPresent(windows::add);
        }
        return new MaintenanceWindows(windows);
    }

    private static Optional<MaintenanceWindow> window(Fields w) {
        w.rejectUnknown(FIELDS);
        Optional<Set<DayOfWeek>> days = w.require("days") ? days(w) : Optional.empty();
        Optional<LocalTime> start = w.requiredText("start")
                .flatMap(t -> w.checked(
                        "start",
                        Optional.of(t),
                        TIME.asMatchPredicate(),
                        "must be a time of day as" + " HH:MM in quotes, e.g. start: \"02:00\""))
                .map(LocalTime::parse);
        Optional<Duration> duration = w.require("duration") ? w.duration("duration") : Optional.empty();
        if (duration.isPresent()
                && (duration.get().isZero() || duration.get().compareTo(MaintenanceWindow.LONGEST) > 0)) {
            w.problems()
                    .add(
                            w.positionOf("duration"),
                            w.path("duration"),
                            "must be longer than 0s and at most 168h (a week), e.g. duration: 2h");
            duration = Optional.empty();
        }
        ZoneId zone = w.text("timeZone")
                .flatMap(t -> w.checked(
                        "timeZone",
                        Optional.of(t),
                        ZoneId.getAvailableZoneIds()::contains,
                        "must be a time zone of the tz database, such as Europe/Berlin, America/New_York or UTC"))
                .map(ZoneId::of)
                .orElse(UTC);
        if (days.isEmpty() || start.isEmpty() || duration.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MaintenanceWindow(days.get(), start.get(), duration.get(), zone));
    }

    /** At least one day, each once. */
    private static Optional<Set<DayOfWeek>> days(Fields w) {
        Optional<List<String>> names = w.textList("days", DAY, DAY_RULE);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String name : names.get()) {
            DayOfWeek day = day(name);
            if (!days.add(day)) {
                w.problems()
                        .add(
                                w.positionOf("days"),
                                w.path("days"),
                                "names " + MaintenanceWindow.shortName(day) + " twice");
            }
        }
        boolean written = !names.get().isEmpty()
                || w.node("days")
                        .filter(YamlNode.Sequence.class::isInstance)
                        .map(n -> !((YamlNode.Sequence) n).items().isEmpty())
                        .orElse(false);
        if (days.isEmpty() && !written) {
            w.problems()
                    .add(
                            w.positionOf("days"),
                            w.path("days"),
                            "must name at least one day, e.g. days: [mon, tue, wed, thu, fri]; for no windows, leave"
                                    + " maintenance out");
        }
        return days.isEmpty() ? Optional.empty() : Optional.of(days);
    }

    private static DayOfWeek day(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.name().toLowerCase(Locale.ROOT);
            if (full.equals(name) || full.startsWith(name)) {
                return day;
            }
        }
        throw new IllegalArgumentException("not a day: " + name);
    }
}

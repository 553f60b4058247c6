package dev.berth.model.fleet;

import dev.berth.model.yaml.Durations;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A weekly time when this host may stop and restart its units: on each of {@code days}, from {@code start} local
 * time in {@code zone}, for {@code duration} of elapsed time. A window that runs past midnight belongs to the day it
 * starts. A start that daylight saving time skips (02:30 on the day clocks spring from 02:00 to 03:00) moves later by
 * the length of the gap, as {@link ZonedDateTime#of} resolves it; a start the clocks pass twice is the first.
 *
 * @param days the days of the week it opens on; at least one
 * @param duration how long it stays open; more than zero and at most a week
 */
public record MaintenanceWindow(Set<DayOfWeek> days, LocalTime start, Duration duration, ZoneId zone) {
    public static final Duration LONGEST = Duration.ofDays(7);

    public MaintenanceWindow {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a maintenance window opens on at least one day");
        }
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(zone, "zone");
        if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("a maintenance window lasts more than 0s and at most 168h: " + duration);
        }
    }

    /** Whether the window is open at {@code now}: some opening at or before it has not closed yet. */
    public boolean isOpen(Instant now) {
        return closes(now).isPresent();
    }

    /** When the opening {@code now} is in closes (the latest, should two overlap); empty when closed. */
    public Optional<Instant> closes(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        Optional<Instant> closes = Optional.empty();
        for (LocalDate day = today.minusDays(LONGEST.toDays() + 1); !day.isAfter(today); day = day.plusDays(1)) {
            Optional<Instant> opens = opensOn(day);
            if (opens.isPresent() && !opens.get().isAfter(now)) {
                Instant end = opens.get().plus(duration);
                if (end.isAfter(now) && closes.map(end::isAfter).orElse(true)) {
                    closes = Optional.of(end);
                }
            }
        }
        return closes;
    }

    /** The first opening after {@code now}: within a week and a day, since the window opens every week. */
    public Instant nextOpening(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        for (LocalDate day = today; ; day = day.plusDays(1)) {
            Optional<Instant> opens = opensOn(day);
            if (opens.isPresent() && opens.get().isAfter(now)) {
                return opens.get();
            }
        }
    }

    /** When the window opens on {@code day}, if it opens that day. */
    private Optional<Instant> opensOn(LocalDate day) {
        return days.contains(day.getDayOfWeek())
                ? Optional.of(ZonedDateTime.of(day, start, zone).toInstant())
                : Optional.empty();
    }

    /** "mon-fri 02:00 for 2h Europe/Berlin", "sat,sun 23:30 for 3h UTC". */
    public String describe() {
        return describe(days) + " " + start + " for " + Durations.format(duration) + " " + zone.getId();
    }

    /** Runs of three or more days as "mon-fri", the rest as single days, joined by commas, from Monday. */
    static String describe(Set<DayOfWeek> days) {
        List<String> parts = new ArrayList<>();
        DayOfWeek[] week = DayOfWeek.values();
        int i = 0;
        while (i < week.length) {
            if (!days.contains(week[i])) {
                i++;
                continue;
            }
            int end = i;
            while (end + 1 < week.length && days.contains(week[end + 1])) {
                end++;
            }
            if (end - i >= 2) {
                parts.add(shortName(week[i]) + "-" + shortName(week[end]));
            } else {
                for (int d = i; d <= end; d++) {
                    parts.add(shortName(week[d]));
                }
            }
            i = end + 1;
        }
        return String.join(",", parts);
    }

    /** "mon", as the configuration spells it. */
    public static String shortName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}

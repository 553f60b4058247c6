package dev.berth.model.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Weekly windows in a time zone: open and closed at fixed instants, across midnight, weeks and DST changes. */
class MaintenanceWindowTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    private static MaintenanceWindow window(Set<DayOfWeek> days, String start, Duration duration, ZoneId zone) {
        return new MaintenanceWindow(days, LocalTime.parse(start), duration, zone);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void aWeekdayWindowInBerlinWinterIsOpenFromTwoToFourLocalTime() {
        MaintenanceWindow nights = window(WEEKDAYS, "02:00", Duration.ofHours(2), BERLIN);

        // Tuesday 8 December 2026; Berlin is UTC+1
        assertThat(nights.isOpen(at("2026-12-08T00:59:59Z"))).isFalse();
        assertThat(nights.isOpen(at("2026-12-08T01:00:00Z"))).isTrue();
        assertThat(nights.isOpen(at("2026-12-08T02:59:59Z"))).isTrue();
        assertThat(nights.isOpen(at("2026-12-08T03:00:00Z")))
                .as("it closes at 04:00 local")
                .isFalse();
        assertThat(nights.closes(at("2026-12-08T02:00:00Z"))).contains(at("2026-12-08T03:00:00Z"));
        assertThat(nights.closes(at("2026-12-08T04:00:00Z"))).isEmpty();
        assertThat(nights.nextOpening(at("2026-12-08T00:00:00Z"))).isEqualTo(at("2026-12-08T01:00:00Z"));
    }

    @Test
    void theWeekendIsSkipped() {
        MaintenanceWindow nights = window(WEEKDAYS, "02:00", Duration.ofHours(2), BERLIN);

        // Friday 4 December 2026, after its window: the next is Monday's
        assertThat(nights.nextOpening(at("2026-12-04T10:00:00Z"))).isEqualTo(at("2026-12-07T01:00:00Z"));
        assertThat(nights.isOpen(at("2026-12-05T01:30:00Z"))).as("Saturday").isFalse();
    }

    @Test
    void theNextOpeningWhileOpenIsTheFollowingOne() {
        MaintenanceWindow nights = window(WEEKDAYS, "02:00", Duration.ofHours(2), BERLIN);

        assertThat(nights.nextOpening(at("2026-12-08T01:00:00Z"))).isEqualTo(at("2026-12-09T01:00:00Z"));
    }

    @Test
    void aWindowAcrossMidnightBelongsToTheDayItStarts() {
        MaintenanceWindow sundayNight = window(EnumSet.of(DayOfWeek.SUNDAY), "23:00", Duration.ofHours(3), UTC);
        MaintenanceWindow mondayNight = window(EnumSet.of(DayOfWeek.MONDAY), "23:00", Duration.ofHours(3), UTC);

        // Monday 7 December 2026, 01:00
        assertThat(sundayNight.isOpen(at("2026-12-07T01:00:00Z"))).isTrue();
        assertThat(sundayNight.closes(at("2026-12-07T01:00:00Z"))).contains(at("2026-12-07T02:00:00Z"));
        assertThat(mondayNight.isOpen(at("2026-12-07T01:00:00Z"))).isFalse();
        assertThat(mondayNight.nextOpening(at("2026-12-07T01:00:00Z"))).isEqualTo(at("2026-12-07T23:00:00Z"));
    }

    @Test
    void fromSundayTheNextOpeningIsMondayAndAfterMondaysItIsNextWeeks() {
        MaintenanceWindow monday = window(EnumSet.of(DayOfWeek.MONDAY), "02:00", Duration.ofHours(1), UTC);

        assertThat(monday.nextOpening(at("2026-12-06T12:00:00Z"))).isEqualTo(at("2026-12-07T02:00:00Z"));
        assertThat(monday.nextOpening(at("2026-12-07T02:00:00Z"))).isEqualTo(at("2026-12-14T02:00:00Z"));
        assertThat(monday.nextOpening(at("2026-12-07T03:00:00Z"))).isEqualTo(at("2026-12-14T02:00:00Z"));
    }

    @Test
    void aStartTheSpringChangeSkipsMovesLaterByTheGap() {
        MaintenanceWindow nightly = window(EVERY_DAY, "02:30", Duration.ofHours(1), BERLIN);

        // Saturday 28 March 2026 is UTC+1; on Sunday 29 March clocks jump from 02:00 to 03:00 (UTC+2)
        assertThat(nightly.nextOpening(at("2026-03-28T00:00:00Z"))).isEqualTo(at("2026-03-28T01:30:00Z"));
        assertThat(nightly.nextOpening(at("2026-03-28T12:00:00Z")))
                .as("02:30 does not exist on Sunday: the window opens at 03:30 summer time")
                .isEqualTo(at("2026-03-29T01:30:00Z"));
        assertThat(nightly.isOpen(at("2026-03-29T01:00:00Z"))).as("03:00 local").isFalse();
        assertThat(nightly.closes(at("2026-03-29T01:30:00Z"))).contains(at("2026-03-29T02:30:00Z"));
        assertThat(nightly.nextOpening(at("2026-03-29T12:00:00Z"))).isEqualTo(at("2026-03-30T00:30:00Z"));
    }

    @Test
    void aStartTheAutumnChangeRepeatsIsTheFirstAndTheDurationIsElapsedTime() {
        MaintenanceWindow nightly = window(EVERY_DAY, "02:30", Duration.ofHours(1), BERLIN);

        // Sunday 25 October 2026: clocks go back from 03:00 summer time to 02:00, so 02:30 happens twice
        assertThat(nightly.nextOpening(at("2026-10-24T12:00:00Z"))).isEqualTo(at("2026-10-25T00:30:00Z"));
        assertThat(nightly.closes(at("2026-10-25T00:30:00Z")))
                .as("an hour later, at the second 02:30")
                .contains(at("2026-10-25T01:30:00Z"));
        assertThat(nightly.nextOpening(at("2026-10-25T12:00:00Z"))).isEqualTo(at("2026-10-26T01:30:00Z"));
    }

    @Test
    void windowsThatOverlapOrTouchCloseTogether() {
        MaintenanceWindows windows = new MaintenanceWindows(List.of(
                window(EnumSet.of(DayOfWeek.MONDAY), "02:00", Duration.ofHours(2), UTC),
                window(EnumSet.of(DayOfWeek.MONDAY), "03:00", Duration.ofHours(2), UTC),
                window(EnumSet.of(DayOfWeek.MONDAY), "05:00", Duration.ofMinutes(30), UTC)));

        assertThat(windows.isOpen(at("2026-12-07T04:30:00Z"))).isTrue();
        assertThat(windows.closes(at("2026-12-07T02:10:00Z"))).contains(at("2026-12-07T05:30:00Z"));
        assertThat(windows.isOpen(at("2026-12-07T05:30:00Z"))).isFalse();
        assertThat(windows.nextOpening(at("2026-12-07T02:30:00Z"))).contains(at("2026-12-07T03:00:00Z"));
    }

    @Test
    void windowsCoveringTheWholeWeekNeverClose() {
        MaintenanceWindows always =
                new MaintenanceWindows(List.of(window(EVERY_DAY, "00:00", Duration.ofHours(24), UTC)));

        assertThat(always.isOpen(at("2026-12-07T04:30:00Z"))).isTrue();
        assertThat(always.closes(at("2026-12-07T04:30:00Z"))).isEmpty();
    }

    @Test
    void noWindowsAreNeverOpenAndNeverOpen() {
        assertThat(MaintenanceWindows.NONE.isEmpty()).isTrue();
        assertThat(MaintenanceWindows.NONE.isOpen(at("2026-12-07T04:30:00Z"))).isFalse();
        assertThat(MaintenanceWindows.NONE.nextOpening(at("2026-12-07T04:30:00Z")))
                .isEmpty();
    }

    @Test
    void aWindowDescribesItselfAsTheConfigurationSpellsIt() {
        assertThat(window(WEEKDAYS, "02:00", Duration.ofHours(2), BERLIN).describe())
                .isEqualTo("mon-fri 02:00 for 2h Europe/Berlin");
        assertThat(window(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), "23:30", Duration.ofMinutes(90), UTC)
                        .describe())
                .isEqualTo("sat,sun 23:30 for 1h30m UTC");
        assertThat(MaintenanceWindow.describe(
                        EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)))
                .isEqualTo("mon,wed-fri");
    }

    @Test
    void aWindowWithoutDaysOrLengthOrLongerThanAWeekIsRefused() {
        assertThatThrownBy(() -> window(EnumSet.noneOf(DayOfWeek.class), "02:00", Duration.ofHours(1), UTC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> window(WEEKDAYS, "02:00", Duration.ZERO, UTC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> window(WEEKDAYS, "02:00", Duration.ofDays(7).plusSeconds(1), UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.berth.agent.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.fleet.MaintenanceWindow;
import dev.berth.model.fleet.MaintenanceWindows;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** berth status shows the windows in one line: what they are, and whether one is open now. */
class WindowsViewTest {
    private static final MaintenanceWindows WINDOWS = new MaintenanceWindows(List.of(
            new MaintenanceWindow(
                    EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                    LocalTime.of(2, 0),
                    Duration.ofHours(2),
                    ZoneId.of("Europe/Berlin")),
            new MaintenanceWindow(
                    EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(4, 0), Duration.ofMinutes(30), ZoneId.of("UTC"))));
    /** Saturday 5 December 2026. */
    private static final Instant SATURDAY = Instant.parse("2026-12-05T11:00:00Z");
    /** Monday 7 December 2026, 02:30 in Berlin. */
    private static final Instant MONDAY_NIGHT = Instant.parse("2026-12-07T01:30:00Z");

    @Test
    void closedWindowsSayWhenTheNextOpens() {
        assertThat(WindowsView.describe(WINDOWS, SATURDAY))
                .contains("mon-fri 02:00 for 2h Europe/Berlin; sun 04:00 for 30m UTC; closed, opens at"
                        + " 2026-12-06T04:00:00Z");
    }

    @Test
    void anOpenWindowSaysWhenItCloses() {
        assertThat(WindowsView.describe(WINDOWS, MONDAY_NIGHT))
                .contains("mon-fri 02:00 for 2h Europe/Berlin; sun 04:00 for 30m UTC; open until 2026-12-07T03:00:00Z");
    }

    @Test
    void noWindowsShowNothing() {
        assertThat(WindowsView.describe(MaintenanceWindows.NONE, SATURDAY)).isEmpty();
    }

    @Test
    void theJsonListsTheWindowsAndTheNextChange() {
        ObjectNode closed = WindowsView.json(WINDOWS, SATURDAY);
        ObjectNode open = WindowsView.json(WINDOWS, MONDAY_NIGHT);

        assertThat(closed.get("windows")).hasSize(2);
        assertThat(closed.at("/windows/0").asText()).isEqualTo("mon-fri 02:00 for 2h Europe/Berlin");
        assertThat(closed.get("open").asBoolean()).isFalse();
        assertThat(closed.get("opens").asText()).isEqualTo("2026-12-06T04:00:00Z");
        assertThat(open.get("open").asBoolean()).isTrue();
        assertThat(open.get("closes").asText()).isEqualTo("2026-12-07T03:00:00Z");
        assertThat(open.has("opens")).isFalse();
    }
}

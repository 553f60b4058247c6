package dev.berth.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.fleet.MaintenanceWindow;
import dev.berth.model.fleet.MaintenanceWindows;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** berth_maintenance_window_open follows the clock at each scrape, and exists only on a host with windows. */
class MaintenanceMetricsTest {
    /** Saturdays 13:00 to 14:00 UTC; the world's clock starts on Saturday 28 November 2026 at noon. */
    static final MaintenanceWindows SATURDAY_AFTERNOONS = new MaintenanceWindows(List.of(new MaintenanceWindow(
            EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(13, 0), Duration.ofHours(1), ZoneId.of("UTC"))));

    private final MetricsWorld world = new MetricsWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void theGaugeIsOneInsideAWindowAndZeroOutsideWithoutAPassInBetween() throws Exception {
        world.metrics.maintenance(SATURDAY_AFTERNOONS, world.clock);

        assertThat(world.scrape().value("berth_maintenance_window_open")).contains(0.0);
        world.clock.advance(Duration.ofHours(1));
        assertThat(world.scrape().value("berth_maintenance_window_open")).contains(1.0);
        world.clock.advance(Duration.ofHours(1));
        assertThat(world.scrape().value("berth_maintenance_window_open")).contains(0.0);
    }

    @Test
    void aHostWithoutWindowsDoesNotExportTheGauge() throws Exception {
        world.metrics.maintenance(MaintenanceWindows.NONE, world.clock);

        assertThat(world.scrape().named("berth_maintenance_window_open")).isEmpty();
    }
}

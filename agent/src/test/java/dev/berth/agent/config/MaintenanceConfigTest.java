package dev.berth.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.fleet.MaintenanceWindow;
import dev.berth.model.fleet.MaintenanceWindows;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** {@code maintenance:} in the agent configuration: read strictly, every mistake named with its line. */
class MaintenanceConfigTest {
    private static final Path FILE = Path.of("/etc/berth/agent.yaml");
    private static final String HEAD = "apiVersion: berth.dev/v1\nkind: AgentConfig\n";

    private static MaintenanceWindows parse(String body) {
        return SettingsFile.parse(HEAD + body, FILE).maintenance();
    }

    @Test
    void withoutMaintenanceThereAreNoWindows() {
        assertThat(parse("interval: 1m\n")).isEqualTo(MaintenanceWindows.NONE);
        assertThat(parse("maintenance: []\n")).isEqualTo(MaintenanceWindows.NONE);
        assertThat(Settings.defaults().maintenance().isEmpty()).isTrue();
    }

    @Test
    void everyWindowIsReadWithUtcAsTheDefaultZone() {
        MaintenanceWindows windows = parse("""
                maintenance:
                  - days: [mon, tue, wed, thu, fri]
                    start: "02:00"
                    duration: 2h
                    timeZone: Europe/Berlin
                  - days: [saturday, sun]
                    start: "23:30"
                    duration: 1h30m
                """);

        assertThat(windows.windows())
                .containsExactly(
                        new MaintenanceWindow(
                                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                                LocalTime.of(2, 0),
                                Duration.ofHours(2),
                                ZoneId.of("Europe/Berlin")),
                        new MaintenanceWindow(
                                EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                                LocalTime.of(23, 30),
                                Duration.ofMinutes(90),
                                ZoneId.of("UTC")));
    }

    @Test
    void aStartWithoutQuotesIsReadAsWritten() {
        assertThat(parse("maintenance: [{days: [sun], start: 04:15, duration: 1h}]\n")
                        .windows())
                .extracting(MaintenanceWindow::start)
                .containsExactly(LocalTime.of(4, 15));
    }

    @Test
    void everyMistakeIsReportedWithItsLineAndWhatToWrite() {
        assertThat(SettingsFileTest.problems("""
                        maintenance:
                          - days: [mon, Tue, mon]
                            start: "2:00"
                            duration: 0s
                            timeZone: Europe/Berln
                            every: 1d
                          - start: "25:00"
                        """))
                .containsExactly(
                        "/etc/berth/agent.yaml:4:11: maintenance[0].days: names mon twice",
                        "/etc/berth/agent.yaml:4:17: maintenance[0].days[1]: must be a day of the week: mon, tue,"
                                + " wed, thu, fri, sat or sun, got \"Tue\"",
                        "/etc/berth/agent.yaml:5:12: maintenance[0].start: must be a time of day as HH:MM in quotes,"
                                + " e.g. start: \"02:00\", got \"2:00\"",
                        "/etc/berth/agent.yaml:6:15: maintenance[0].duration: must be longer than 0s and at most 168h"
                                + " (a week), e.g. duration: 2h",
                        "/etc/berth/agent.yaml:7:15: maintenance[0].timeZone: must be a time zone of the tz"
                                + " database, such as Europe/Berlin, America/New_York or UTC, got \"Europe/Berln\"",
                        "/etc/berth/agent.yaml:8:5: maintenance[0].every: unknown field (known fields: days,"
                                + " duration, start, timeZone)",
                        "/etc/berth/agent.yaml:9:5: maintenance[1].days: is required",
                        "/etc/berth/agent.yaml:9:5: maintenance[1].duration: is required",
                        "/etc/berth/agent.yaml:9:12: maintenance[1].start: must be a time of day as HH:MM in quotes,"
                                + " e.g. start: \"02:00\", got \"25:00\"");
    }

    @Test
    void noDaysALongWindowAndAWindowThatIsNotAMappingAreRefused() {
        assertThat(SettingsFileTest.problems("""
                        maintenance:
                          - {days: [], start: "02:00", duration: 169h}
                          - mon 02:00
                        """))
                .containsExactly(
                        "/etc/berth/agent.yaml:4:12: maintenance[0].days: must name at least one day, e.g. days:"
                                + " [mon, tue, wed, thu, fri]; for no windows, leave maintenance out",
                        "/etc/berth/agent.yaml:4:42: maintenance[0].duration: must be longer than 0s and at most"
                                + " 168h (a week), e.g. duration: 2h",
                        "/etc/berth/agent.yaml:5:5: maintenance[1]: must be a mapping of keys to values, got the"
                                + " text \"mon 02:00\"");
        assertThat(SettingsFileTest.problems("maintenance: {days: [mon]}\n"))
                .singleElement()
                .asString()
                .startsWith("/etc/berth/agent.yaml:3:14: maintenance: must be a list");
    }
}

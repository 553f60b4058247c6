package dev.berth.agent.dbus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.host.UnitStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartSetTest {
    @Test
    void aPlainServiceIsStarted() {
        StartSet set = StartSet.of(List.of(unit("hello.service", "inactive")));

        assertThat(set.start()).containsExactly("hello.service");
        assertThat(set.onDemand()).isEmpty();
    }

    @Test
    void aServiceTriggeredByItsSocketIsLeftToTheSocket() {
        StartSet set =
                StartSet.of(List.of(unit("kilo.socket", "inactive"), unit("kilo.service", "inactive", "kilo.socket")));

        assertThat(set.start()).containsExactly("kilo.socket");
        assertThat(set.onDemand()).containsExactly("kilo.service");
    }

    @Test
    void aTimerIsStartedAndTheServiceItTriggersIsNot() {
        StartSet set = StartSet.of(
                List.of(unit("backup.timer", "inactive"), unit("backup.service", "inactive", "backup.timer")));

        assertThat(set.start()).containsExactly("backup.timer");
        assertThat(set.onDemand()).containsExactly("backup.service");
    }

    @Test
    void templatesAreNeitherStartedNorRestarted() {
        StartSet set = StartSet.of(List.of(unit("kilo@.service", "inactive"), unit("kilo.target", "inactive")));

        assertThat(set.start()).containsExactly("kilo.target");
        assertThat(set.onDemand()).isEmpty();
    }

    @Test
    void afterAReattachASocketWhoseServiceRunsIsNotRestartedBecauseSystemdWouldRefuseIt() {
        List<UnitStatus> units = List.of(unit("kilo.socket", "active"), unit("kilo.service", "active", "kilo.socket"));

        assertThat(StartSet.restartable(units)).isEmpty();
        assertThat(StartSet.of(units).onDemand()).containsExactly("kilo.service");
    }

    @Test
    void afterAReattachASocketWhoseServiceIsIdleIsRestarted() {
        List<UnitStatus> units =
                List.of(unit("kilo.socket", "active"), unit("kilo.service", "inactive", "kilo.socket"));

        assertThat(StartSet.restartable(units)).containsExactly("kilo.socket");
    }

    @Test
    void afterAReattachATimerIsRestartedEvenWhileItsServiceRuns() {
        List<UnitStatus> units =
                List.of(unit("backup.timer", "active"), unit("backup.service", "active", "backup.timer"));

        assertThat(StartSet.restartable(units)).containsExactly("backup.timer");
    }

    private static UnitStatus unit(String name, String active, String... triggeredBy) {
        return new UnitStatus(
                name, active, active.equals("active") ? "running" : "dead", "success", 0, List.of(triggeredBy));
    }
}

package dev.berth.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which statuses StatusTracker replaces without fsync: those that differ from the last one only in its pass times. */
class StatusTrackerTimesTest {
    private static final AgentStatus BEFORE = StatusFileTest.converged();

    @Test
    void aLaterNoOpPassDiffersOnlyInItsTimes() {
        AgentStatus later = at(BEFORE, BEFORE.lastPass().finished().plus(Duration.ofMinutes(1)));

        assertThat(later).isNotEqualTo(BEFORE);
        assertThat(StatusTracker.withPassTimesOf(BEFORE, later)).isEqualTo(later);
    }

    @Test
    void anImageThatChangedIsMoreThanTimes() {
        AgentStatus later = at(BEFORE, BEFORE.lastPass().finished().plus(Duration.ofMinutes(1)));
        AgentStatus stopped = new AgentStatus(
                later.schemaVersion(),
                later.version(),
                later.runner(),
                later.pid(),
                later.started(),
                later.lastPass(),
                later.lastConverged(),
                List.of(),
                later.unmanaged(),
                later.host());

        assertThat(StatusTracker.withPassTimesOf(BEFORE, stopped)).isNotEqualTo(stopped);
    }

    private static AgentStatus at(AgentStatus status, Instant when) {
        AgentStatus.LastPass p = status.lastPass();
        return new AgentStatus(
                status.schemaVersion(),
                status.version(),
                status.runner(),
                status.pid(),
                status.started(),
                new AgentStatus.LastPass(
                        when, when, p.cause(), p.outcome(), p.source(), p.revision(), p.notices(), p.error()),
                when,
                status.images(),
                status.unmanaged(),
                status.host());
    }
}

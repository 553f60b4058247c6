package dev.berth.reconciler.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.host.UnitStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnitJudgeTest {
    private static UnitStatus unit(String name, String active, long restarts, String... triggeredBy) {
        String result = active.equals("failed") ? "exit-code" : "success";
        return new UnitStatus(
                name, active, active.equals("active") ? "running" : "dead", result, restarts, List.of(triggeredBy));
    }

    private static Verdict judge(List<UnitStatus> units) {
        return UnitJudge.judge(units, Map.of(), Set.of());
    }

    @Test
    void allUnitsActiveIsHealthy() {
        assertThat(judge(List.of(unit("a.service", "active", 0), unit("a-admin.service", "active", 0))))
                .isInstanceOf(Verdict.Healthy.class);
    }

    @Test
    void aUnitStillActivatingIsWaitedFor() {
        assertThat(judge(List.of(unit("a.service", "activating", 0))))
                .isEqualTo(new Verdict.Waiting("a.service is activating/dead"));
    }

    @Test
    void aFailedUnitFailsAtOnce() {
        assertThat(judge(List.of(unit("a.service", "active", 0), unit("b.service", "failed", 0))))
                .isEqualTo(new Verdict.Failed("b.service", "b.service failed (result exit-code)"));
    }

    @Test
    void aUnitThatRestartedSinceTheChangeFails() {
        Verdict verdict = UnitJudge.judge(List.of(unit("a.service", "active", 3)), Map.of("a.service", 1L), Set.of());

        assertThat(verdict).isEqualTo(new Verdict.Failed("a.service", "a.service restarted 2 times (result success)"));
    }

    @Test
    void aUnitThatStoppedAfterItRanFails() {
        Verdict verdict = UnitJudge.judge(List.of(unit("a.service", "inactive", 0)), Map.of(), Set.of("a.service"));

        assertThat(verdict).isInstanceOf(Verdict.Failed.class);
    }

    @Test
    void aSocketActivatedImageIsHealthyWhenItsSocketListens() {
        assertThat(judge(List.of(unit("web.socket", "active", 0), unit("web.service", "inactive", 0, "web.socket"))))
                .isInstanceOf(Verdict.Healthy.class);
    }

    @Test
    void aTriggeredServiceThatFailedStillFails() {
        assertThat(judge(List.of(unit("web.socket", "active", 0), unit("web.service", "failed", 0, "web.socket"))))
                .isInstanceOf(Verdict.Failed.class);
    }

    @Test
    void templatesAreNotJudgedThemselves() {
        assertThat(judge(List.of(unit("web.socket", "active", 0), unit("web@.service", "inactive", 0))))
                .isInstanceOf(Verdict.Healthy.class);
    }

    @Test
    void anImageWithoutUnitsIsWaitedFor() {
        assertThat(judge(List.of())).isInstanceOf(Verdict.Waiting.class);
    }
}

package dev.berth.agent.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.ImageSpec;
import dev.berth.model.Limit;
import dev.berth.model.Limits;
import dev.berth.model.Origin;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.PortableState;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import dev.berth.model.plan.Wait;
import dev.berth.model.state.ManagedImage;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.ImageOutcome;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every kind of step, finding and outcome has a text and a JSON rendering. The renderings are visitors, so a new
 * kind without one does not compile; this test makes sure the samples below cover every kind there is, so a new
 * kind also needs a sample here, and shows each rendering says what the kind is.
 */
class EveryKindIsRenderedTest {
    private static final String POOL = "/var/lib/portables/";
    private static final Instant AT = Instant.parse("2026-12-03T09:30:00Z");
    private static final ImageSpec SPEC = new ImageSpec(
            "hello",
            "2.0",
            URI.create("https://images.example/hello_2.0.raw"),
            new Sha256("a".repeat(64)),
            "default",
            List.of("hello"),
            true,
            true,
            false,
            new Origin("m.yaml", 4));
    private static final AttachedImage ATTACHED =
            new AttachedImage(POOL + "hello_1.0.raw", Optional.of("default"), PortableState.ENABLED, List.of());
    private static final ManagedImage MANAGED =
            ManagedImage.of(SPEC, POOL + "hello_2.0.raw", ManagedImage.Phase.ATTACHED, null);

    private static final List<Step> STEPS = List.of(
            new Step.Fetch(SPEC, POOL + "hello_2.0.raw"),
            new Step.Attach(SPEC, POOL + "hello_2.0.raw"),
            new Step.Upgrade(SPEC, POOL + "hello_2.0.raw", ATTACHED),
            new Step.Start(SPEC, ATTACHED),
            new Step.Limit(
                    SPEC.withLimits(new Limits(Map.of(Limit.MEMORY_MAX, "256M", Limit.IP_ADDRESS_DENY, "any"))),
                    ATTACHED,
                    Limits.NONE),
            new Step.Detach(MANAGED, Optional.of(ATTACHED), List.of(POOL + "hello_2.0.raw")),
            new Step.Prune(List.of(POOL + "hello_0.9.raw")));

    private static final List<Finding> FINDINGS = List.of(
            new Finding.Unmanaged(ATTACHED),
            new Finding.Refused("hello", Reason.NotOwned, "attached by someone else"),
            new Finding.Drifted("hello", Finding.Drifted.Kind.STOPPED, "units enabled (stopped outside Berth)", true),
            new Finding.Drifted("hello", Finding.Drifted.Kind.CHANGED, "attached as hello 1.0 outside Berth", false),
            new Finding.Drifted(
                    "hello",
                    Finding.Drifted.Kind.LIMITS,
                    "limits drop-in of hello.service changed outside Berth",
                    true),
            new Finding.Waiting("hello", Optional.of("2.0"), new Wait.ForWave(2, Optional.of(AT))));

    private static final List<Wait> WAITS = List.of(
            new Wait.ForWave(2, Optional.of(AT)),
            new Wait.ForWave(3, Optional.empty()),
            new Wait.OutsideWaves(),
            new Wait.Halted("hello 2.0 failed on 1 host (canary-1)"),
            new Wait.ForWindow(AT),
            new Wait.Suspended("alice", "database migration", Optional.of(AT)));

    @Test
    void theSamplesCoverEveryKindOfStepAndFinding() {
        assertThat(STEPS.stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(Step.class.getPermittedSubclasses());
        assertThat(FINDINGS.stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(leaves(Finding.class).toArray(Class<?>[]::new));
        assertThat(WAITS.stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(Wait.class.getPermittedSubclasses());
        assertThat(Arrays.stream(Undone.class.getPermittedSubclasses()))
                .containsExactlyInAnyOrder(Undone.Nothing.class, Undone.Detached.class, Undone.RestoredTo.class);
    }

    @Test
    void everyStepHasALineAndAJsonObjectNamingItsAction() {
        for (Step step : STEPS) {
            String line = PlanText.step(step);
            ObjectNode json = PlanJson.step(step);

            assertThat(line)
                    .as("text of %s", step.action())
                    .contains(step.action().word());
            assertThat(json.get("action").asText()).isEqualTo(step.action().word());
            step.image().ifPresent(i -> assertThat(json.get("image").asText()).isEqualTo(i));
        }
    }

    @Test
    void aLimitStepShowsTheLimitsItSetsAndThoseBefore() {
        Step limit =
                STEPS.stream().filter(s -> s instanceof Step.Limit).findFirst().orElseThrow();

        assertThat(PlanText.step(limit))
                .isEqualTo("  ~ limit     hello 2.0      limits IPAddressDeny=any MemoryMax=256M, restart running units"
                        + " (m.yaml:4)");
        ObjectNode json = PlanJson.step(limit);
        assertThat(json.at("/limits/MemoryMax").asText()).isEqualTo("256M");
        assertThat(json.at("/limits/IPAddressDeny").asText()).isEqualTo("any");
        assertThat(json.get("fromLimits")).isEmpty();
    }

    @Test
    void aDetachThatDeletesTheUnitsDataSaysSoInTextAndJson() {
        Step.Detach keeping = new Step.Detach(MANAGED, Optional.of(ATTACHED), List.of());
        Step.Detach cleaning = new Step.Detach(MANAGED.withClean(true), Optional.of(ATTACHED), List.of());

        assertThat(PlanText.step(keeping)).contains("stop, disable, detach").doesNotContain("data");
        assertThat(PlanText.step(cleaning)).contains("stop, delete the units' data, disable, detach");
        assertThat(PlanJson.step(keeping).get("clean").asBoolean()).isFalse();
        assertThat(PlanJson.step(cleaning).get("clean").asBoolean()).isTrue();
    }

    @Test
    void everyFindingHasALineAndAJsonObject() {
        assertThat(FINDINGS.stream().map(PlanText::finding))
                .containsExactly(
                        "  = unmanaged hello 1.0      attached outside Berth from /var/lib/portables/hello_1.0.raw (enabled);"
                                + " left alone",
                        "  ! refused   hello          NotOwned: attached by someone else",
                        "  ~ drift     hello          units enabled (stopped outside Berth); put back by the steps above",
                        "  ? drift     hello          attached as hello 1.0 outside Berth; left as it is"
                                + " (driftCorrection is off)",
                        "  ~ drift     hello          limits drop-in of hello.service changed outside Berth; put back by"
                                + " the steps above",
                        "  * waiting   hello          the move to 2.0 is waiting for wave 2 at 2026-12-03T09:30:00Z");
        ObjectNode plan = PlanJson.of(new Plan(List.of(), FINDINGS));
        assertThat(plan.get("unmanaged")).hasSize(1);
        assertThat(plan.get("refused")).hasSize(1);
        assertThat(plan.get("drifted")).hasSize(3);
        assertThat(plan.at("/drifted/0/kind").asText()).isEqualTo("stopped");
        assertThat(plan.at("/drifted/2/kind").asText()).isEqualTo("limits");
        assertThat(plan.at("/waiting/0/wait/kind").asText()).isEqualTo("wave");
        assertThat(plan.at("/waiting/0/wait/until").asText()).isEqualTo("2026-12-03T09:30:00Z");
    }

    @Test
    void everyWaitSaysWhatItWaitsForInTextAndJson() {
        assertThat(WAITS.stream().map(WaitView::describe))
                .containsExactly(
                        "waiting for wave 2 at 2026-12-03T09:30:00Z",
                        "waiting for wave 3: the rollout is paused",
                        "waiting: no wave of the rollout takes this host",
                        "RolloutHalted: hello 2.0 failed on 1 host (canary-1)",
                        "waiting for the maintenance window at 2026-12-03T09:30:00Z",
                        "suspended by alice until 2026-12-03T09:30:00Z: database migration");
        assertThat(WAITS.stream()
                        .map(w -> WaitView.json(w).get("kind").asText())
                        .distinct())
                .hasSize(WAITS.size() - 1);
    }

    @Test
    void everyOutcomeStateHasAWordAndALine() {
        for (ImageOutcome.State state : ImageOutcome.State.values()) {
            boolean problem = state == ImageOutcome.State.HELD || state == ImageOutcome.State.FAILED;
            ImageOutcome outcome = new ImageOutcome(
                    "hello",
                    state,
                    Optional.of(SPEC),
                    Optional.of(ATTACHED),
                    Optional.empty(),
                    problem
                            ? Optional.of(new ImageOutcome.Problem(Reason.HealthCheckFailed, "hello.service failed"))
                            : Optional.empty(),
                    state == ImageOutcome.State.FAILED ? new Undone.RestoredTo("1.0") : Undone.NOTHING,
                    Optional.empty(),
                    state == ImageOutcome.State.WAITING
                            ? Optional.of(new Finding.Waiting("hello", Optional.of("2.0"), new Wait.ForWindow(AT)))
                            : Optional.empty());

            assertThat(OutcomeText.line(outcome)).contains(OutcomeText.word(state));
            assertThat(OutcomeJson.of(List.of(outcome)).get(0).get("outcome").asText())
                    .isEqualTo(OutcomeText.word(state));
        }
    }

    /** The records of a sealed hierarchy, through sealed interfaces within it (Finding.Hold). */
    private static Stream<Class<?>> leaves(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).flatMap(c -> c.isSealed() ? leaves(c) : Stream.of(c));
    }

    @Test
    void whatWasUndoneReadsTheSameInEveryOutput() {
        assertThat(UndoneView.of(Undone.NOTHING).describe()).isEmpty();
        assertThat(UndoneView.of(Undone.DETACHED)).isEqualTo(new UndoneView("detached", null));
        assertThat(UndoneView.of(new Undone.RestoredTo("1.0")).describe()).isEqualTo("restored to 1.0");
    }
}

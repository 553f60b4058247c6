package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.Action;
import dev.berth.model.ImageSpec;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import dev.berth.model.plan.Wait;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.port.ChangeGate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Gates (rollout waves, maintenance windows, a suspension) make planned changes wait, and nothing else. */
class ChangeGateTest {
    private static final Instant OPENS = Instant.parse("2026-12-05T02:00:00Z");
    private final World world = new World();

    /** Makes every image with an upgrade or detach step wait for {@code wait}. */
    private static ChangeGate holdingDisruptive(Wait wait) {
        return (desired, plan, observed, inventory) -> {
            Map<String, Finding.Waiting> waits = new LinkedHashMap<>();
            for (Step step : plan.steps()) {
                if (step.action() == Action.UPGRADE || step.action() == Action.DETACH) {
                    String image = step.image().orElseThrow();
                    Optional<String> version = desired.image(image).map(ImageSpec::version);
                    waits.put(image, new Finding.Waiting(image, version, wait));
                }
            }
            return waits;
        };
    }

    @Test
    void anUpgradeThatWaitsLeavesTheImageAsItIsAndSaysWhy() {
        world.apply(world.publish(TestImage.service("hello", "1.0")));
        world.gates = List.of(holdingDisruptive(new Wait.ForWave(2, Optional.of(OPENS))));

        Pass pass = world.apply(world.publish(TestImage.service("hello", "2.0")));

        assertThat(pass.plan().steps()).isEmpty();
        assertThat(pass.plan().waiting())
                .containsExactly(
                        new Finding.Waiting("hello", Optional.of("2.0"), new Wait.ForWave(2, Optional.of(OPENS))));
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0");
        assertThat(world.fetcher.fetched()).hasSize(1);
        assertThat(pass.converged()).isFalse();
        assertThat(pass.outcome("hello").orElseThrow().state()).isEqualTo(ImageOutcome.State.WAITING);
        assertThat(pass.remaining().nextWaitEnds()).contains(OPENS);
    }

    @Test
    void aChangeWaitingForAMaintenanceWindowIsDownloadedAhead() {
        world.apply(world.publish(TestImage.service("hello", "1.0")));
        world.gates = List.of(holdingDisruptive(new Wait.ForWindow(OPENS)));
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));

        Pass pass = world.apply(v2);

        assertThat(pass.plan().steps()).extracting(Step::action).containsExactly(Action.FETCH);
        assertThat(world.pool.exists(Fixtures.path("hello", "2.0"))).isTrue();
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0");

        world.gates = List.of();
        Pass opened = world.apply(v2);

        assertThat(opened.plan().steps()).extracting(Step::action).containsExactly(Action.UPGRADE, Action.PRUNE);
        assertThat(opened.converged()).isTrue();
    }

    @Test
    void aRemovalThatWaitsKeepsTheImageAttachedAndItsFiles() {
        world.apply(world.publish(TestImage.service("hello", "1.0")));
        world.gates = List.of(holdingDisruptive(new Wait.ForWindow(OPENS)));

        Pass pass = world.apply();

        assertThat(pass.plan().steps()).isEmpty();
        assertThat(pass.plan().waiting()).extracting(Finding.Waiting::version).containsExactly(Optional.empty());
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0");
        assertThat(world.pool.exists(Fixtures.path("hello", "1.0"))).isTrue();
    }

    @Test
    void aSuspendedHostDownloadsNothing() {
        ImageSpec v1 = world.publish(TestImage.service("hello", "1.0"));
        world.apply(v1);
        world.gates = List.of(holdingDisruptive(new Wait.Suspended("alice", "migration", Optional.empty())));

        Plan plan = world.plan(world.publish(TestImage.service("hello", "2.0")));

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.waiting()).hasSize(1);
    }

    @Test
    void firstAttachesDoNotWaitForAGateThatHoldsOnlyDisruptiveSteps() {
        world.gates = List.of(holdingDisruptive(new Wait.ForWindow(OPENS)));

        Pass pass = world.apply(world.publish(TestImage.service("hello", "1.0")));

        assertThat(pass.converged()).isTrue();
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0");
    }

    @Test
    void theFirstGateThatMakesAnImageWaitSaysWhy() {
        world.apply(world.publish(TestImage.service("hello", "1.0")));
        world.gates = List.of(
                holdingDisruptive(new Wait.Suspended("alice", "", Optional.empty())),
                holdingDisruptive(new Wait.ForWindow(OPENS)));

        Plan plan = world.plan(world.publish(TestImage.service("hello", "2.0")));

        assertThat(plan.waiting())
                .extracting(Finding.Waiting::cause)
                .containsExactly(new Wait.Suspended("alice", "", Optional.empty()));
    }
}

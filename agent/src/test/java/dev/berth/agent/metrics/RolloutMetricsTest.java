package dev.berth.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.ImageSpec;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Step;
import dev.berth.model.plan.Wait;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.port.ChangeGate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a host tells the fleet's rollouts: the versions it holds failed, and whether its own rollouts are halted. */
class RolloutMetricsTest {
    private final MetricsWorld world = new MetricsWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void aVersionThisHostHoldsFailedIsExportedUntilTheManifestMovesOn() throws Exception {
        world.pass("a", world.publish(TestImage.service("hello", "1.0"), "default"));
        ImageSpec broken = world.publish(TestImage.failing("hello", "2.0"), "default");

        world.pass("b", broken);
        assertThat(world.scrape().value("berth_image_failed_info", "image", "hello", "version", "2.0"))
                .contains(1.0);
        world.pass("c", broken);
        assertThat(world.scrape().value("berth_image_failed_info", "image", "hello", "version", "2.0"))
                .as("still held failed on the next pass")
                .contains(1.0);

        world.pass("d", world.publish(TestImage.service("hello", "3.0"), "default"));
        assertThat(world.scrape().named("berth_image_failed_info")).isEmpty();
    }

    @Test
    void aHaltedMoveIsExportedPerImageAndClearsWhenItGoesAhead() throws Exception {
        world.pass("a", world.publish(TestImage.service("hello", "1.0"), "default"));
        assertThat(world.scrape().value("berth_rollout_halted", "image", "hello"))
                .contains(0.0);
        world.gate = upgradesWait(new Wait.Halted("hello 2.0 failed on canary-1"));
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"), "default");

        world.pass("b", v2);
        assertThat(world.scrape().value("berth_rollout_halted", "image", "hello"))
                .contains(1.0);

        world.gate = (manifest, plan, observed, inventory) -> Map.of();
        world.pass("b", v2);
        assertThat(world.scrape().value("berth_rollout_halted", "image", "hello"))
                .contains(0.0);
        assertThat(world.scrape().value("berth_image_attached_info", "image", "hello", "version", "2.0"))
                .contains(1.0);
    }

    @Test
    void aWaitingImageIsExportedWithItsWaitAndItsPassStillCountsAsASuccess() throws Exception {
        world.pass("a", world.publish(TestImage.service("hello", "1.0"), "default"));
        world.gate = upgradesWait(new Wait.ForWave(2, Optional.of(Instant.parse("2026-12-03T09:30:00Z"))));

        world.pass("b", world.publish(TestImage.service("hello", "2.0"), "default"));

        assertThat(world.scrape().value("berth_image_waiting", "image", "hello", "wait", "wave"))
                .contains(1.0);
        assertThat(world.scrape().value("berth_image_converged", "image", "hello"))
                .contains(0.0);
        assertThat(world.scrape().value("berth_reconcile_total", "result", "failure"))
                .as("waiting for a wave is not a failing reconcile")
                .contains(0.0);

        world.gate = (manifest, plan, observed, inventory) -> Map.of();
        world.pass("b", world.publish(TestImage.service("hello", "2.0"), "default"));
        assertThat(world.scrape().named("berth_image_waiting")).isEmpty();
    }

    /** A gate that makes hello's move to 2.0 wait for {@code cause}. */
    private static ChangeGate upgradesWait(Wait cause) {
        return (manifest, plan, observed, inventory) -> plan.steps().stream()
                .filter(Step.Upgrade.class::isInstance)
                .findFirst()
                .map(s -> Map.of("hello", new Finding.Waiting("hello", Optional.of("2.0"), cause)))
                .orElse(Map.of());
    }
}

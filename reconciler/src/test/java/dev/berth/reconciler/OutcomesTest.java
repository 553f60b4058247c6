package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Reason;
import dev.berth.model.plan.Finding;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.fake.TestImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each image's outcome is worked out once per pass, by the reconciler, for everyone who shows it. */
class OutcomesTest {
    private final World world = new World();

    private ImageOutcome outcome(Pass pass, String image) {
        return pass.outcome(image).orElseThrow();
    }

    @Test
    void anImageAttachedAsDesiredHasConverged() {
        Pass pass = world.apply(world.publish(TestImage.service("hello", "1.0")));

        ImageOutcome hello = outcome(pass, "hello");
        assertThat(hello.state()).isEqualTo(ImageOutcome.State.CONVERGED);
        assertThat(hello.attachedVersion()).contains("1.0");
        assertThat(hello.undone()).isEqualTo(Undone.NOTHING);
        assertThat(hello.problem()).isEmpty();
    }

    @Test
    void aFailedUpgradeIsFailedAndSaysItWasRestoredThenHeldOnTheNextPass() {
        world.apply(world.publish(TestImage.service("hello", "1.0")));
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));
        world.health = spec -> {
            if (spec.version().equals("2.0")) {
                throw new BerthException(Reason.HealthCheckFailed, "hello.service failed (exit-code)");
            }
        };

        ImageOutcome failed = outcome(world.apply(v2), "hello");
        ImageOutcome next = outcome(world.apply(v2), "hello");

        assertThat(failed.state()).isEqualTo(ImageOutcome.State.FAILED);
        assertThat(failed.undone()).isEqualTo(new Undone.RestoredTo("1.0"));
        assertThat(failed.problem().orElseThrow().reason()).isEqualTo(Reason.HealthCheckFailed);
        assertThat(failed.attachedVersion()).contains("1.0");
        assertThat(next.state()).isEqualTo(ImageOutcome.State.HELD);
        assertThat(next.problem().orElseThrow().message()).contains("Not retried until its manifest entry changes");
    }

    @Test
    void aFailedFirstAttachIsDetachedAgainAndLeavesNoFileBehind() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        world.health = spec -> {
            throw new BerthException(Reason.HealthCheckFailed, "hello.service failed (exit-code)");
        };

        ImageOutcome failed = outcome(world.apply(hello), "hello");

        assertThat(failed.state()).isEqualTo(ImageOutcome.State.FAILED);
        assertThat(failed.undone()).isEqualTo(Undone.DETACHED);
        assertThat(failed.attached()).isEmpty();
        assertThat(world.pool.exists(Fixtures.path("hello", "1.0"))).isFalse();
        assertThat(world.store.load().files()).isEmpty();
    }

    @Test
    void anImageTheHostsPolicyForbidsIsHeldWithTheReason() {
        world.policy =
                new LocalPolicy(java.util.Set.of("strict"), List.of(), LocalPolicy.DEFAULT_MAX_IMAGE_BYTES, false);

        ImageOutcome held = outcome(world.apply(world.publish(TestImage.service("hello", "1.0"))), "hello");

        assertThat(held.state()).isEqualTo(ImageOutcome.State.HELD);
        assertThat(held.problem().orElseThrow().reason()).isEqualTo(Reason.PolicyViolation);
    }

    @Test
    void aUnitStoppedByHandIsDriftThatThePassPutsBack() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        world.apply(hello);
        world.host.stopByHand("hello");

        ImageOutcome put = outcome(world.apply(hello), "hello");

        assertThat(put.state()).isEqualTo(ImageOutcome.State.CONVERGED);
        assertThat(put.drift()).map(Finding.Drifted::kind).contains(Finding.Drifted.Kind.STOPPED);
        assertThat(put.driftPutBack()).isTrue();
    }

    @Test
    void anImageTheExecutorDidNotReachIsPendingAndOneNoLongerWantedIsRemoving() {
        ImageSpec a = world.publish(TestImage.service("a", "1"));
        ImageSpec old = world.publish(TestImage.service("old", "1"));
        world.apply(old);
        world.fetcher.failNext(new BerthException(Reason.FetchFailed, "connection refused"));

        Pass pass = world.apply(a);

        assertThat(outcome(pass, "a").state()).isEqualTo(ImageOutcome.State.FAILED);
        assertThat(outcome(pass, "old").state()).isEqualTo(ImageOutcome.State.REMOVING);
        assertThat(pass.outcomes()).extracting(ImageOutcome::image).containsExactly("a", "old");
    }
}

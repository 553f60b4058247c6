package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.reconciler.fake.TestImage;
import org.junit.jupiter.api.Test;

/** An entry with {@code clean: true} takes its units' data with it when it is removed, and only then. */
class CleanRemovalTest {
    private final World world = new World();

    @Test
    void aRemovedImageMarkedCleanHasItsUnitsCleanedAfterTheyStopAndBeforeItIsDetached() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0")).withClean(true);
        world.apply(hello);

        Pass pass = world.apply();

        assertThat(pass.converged()).isTrue();
        assertThat(world.host.cleanedUnits()).containsExactly("hello.service");
        String path = Fixtures.path("hello", "1.0");
        assertThat(world.host.calls()).containsSubsequence("clean " + path, "detach " + path);
        assertThat(world.host.attached()).isEmpty();
        assertThat(world.store.load().images()).isEmpty();
    }

    @Test
    void aRemovedImageNotMarkedCleanKeepsItsUnitsData() {
        world.apply(world.publish(TestImage.service("hello", "1.0")));

        world.apply();

        assertThat(world.host.cleanedUnits()).isEmpty();
        assertThat(world.host.calls()).noneMatch(call -> call.startsWith("clean"));
    }

    @Test
    void markingAnAttachedImageCleanIsRememberedWithoutTouchingTheHostAndHonouredOnRemoval() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        world.apply(hello);

        Pass marked = world.apply(hello.withClean(true));

        assertThat(marked.plan().isEmpty()).isTrue();
        assertThat(world.store.load().image("hello").orElseThrow().clean()).isTrue();
        world.apply();
        assertThat(world.host.cleanedUnits()).containsExactly("hello.service");
    }

    @Test
    void unmarkingAnImageBeforeItsRemovalKeepsItsData() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        world.apply(hello.withClean(true));
        world.apply(hello);

        world.apply();

        assertThat(world.host.cleanedUnits()).isEmpty();
    }

    @Test
    void aDetachFailingAfterTheCleanIsRetriedByTheNextPassWhichCleansAgainHarmlessly() {
        world.apply(world.publish(TestImage.service("hello", "1.0")).withClean(true));
        world.host.failNext("detach", new BerthException(Reason.DetachFailed, "unit busy"));

        Pass failed = world.apply();
        Pass retried = world.apply();

        assertThat(failed.converged()).isFalse();
        assertThat(retried.converged()).isTrue();
        assertThat(world.host.cleanedUnits()).containsExactly("hello.service", "hello.service");
        assertThat(world.host.attached()).isEmpty();
        assertThat(world.store.load().images()).isEmpty();
    }
}

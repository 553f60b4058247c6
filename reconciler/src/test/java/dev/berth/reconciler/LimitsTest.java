package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.Action;
import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.Limit;
import dev.berth.model.Limits;
import dev.berth.model.LimitsDropIn;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Reason;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Step;
import dev.berth.reconciler.fake.TestImage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Limits on fakes: written with the attach, changed with a restart of that image only, put back, capped. */
class LimitsTest {
    private static final Limits TIGHT = new Limits(Map.of(Limit.MEMORY_MAX, "256M", Limit.TASKS_MAX, "64"));
    private static final Limits TIGHTER = new Limits(Map.of(Limit.MEMORY_MAX, "128M", Limit.TASKS_MAX, "64"));

    private final World world = new World();
    private final ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
    private final ImageSpec other = world.publish(TestImage.service("other", "1.0"));

    @Test
    void aNewImageIsAttachedWithItsLimitsInPlace() {
        Pass pass = world.apply(hello.withLimits(TIGHT), other);

        assertThat(pass.converged()).isTrue();
        assertThat(world.host.dropIn("hello.service")).isEqualTo(LimitsDropIn.text("hello", TIGHT));
        assertThat(world.host.dropIn("other.service")).isEmpty();
        assertThat(world.store.load().image("hello").orElseThrow().limits()).isEqualTo(TIGHT);
    }

    @Test
    void aChangedLimitRestartsThatImageAloneAndIsRemembered() {
        world.apply(hello.withLimits(TIGHT), other);
        int before = world.host.calls().size();

        Pass pass = world.apply(hello.withLimits(TIGHTER), other);

        assertThat(pass.converged()).isTrue();
        assertThat(pass.plan().steps()).extracting(Step::action).containsExactly(Action.LIMIT);
        assertThat(world.host.calls().subList(before, world.host.calls().size()))
                .filteredOn(
                        c -> !c.startsWith("attached") && !c.startsWith("profiles") && !c.startsWith("limitDropIns"))
                .containsExactly("limit " + Fixtures.path("hello", "1.0"));
        assertThat(world.host.dropIn("hello.service")).isEqualTo(LimitsDropIn.text("hello", TIGHTER));
        assertThat(world.store.load().image("hello").orElseThrow().limits()).isEqualTo(TIGHTER);
        assertThat(world.apply(hello.withLimits(TIGHTER), other).plan().isEmpty())
                .isTrue();
    }

    @Test
    void aDropInEditedByHandIsReportedAsDriftAndPutBack() {
        world.apply(hello.withLimits(TIGHT));
        world.host.editDropIn("hello.service", "[Service]\nMemoryMax=infinity\n");

        Pass pass = world.apply(hello.withLimits(TIGHT));

        assertThat(pass.plan().findings())
                .singleElement()
                .isInstanceOfSatisfying(
                        Finding.Drifted.class, d -> assertThat(d.kind()).isEqualTo(Finding.Drifted.Kind.LIMITS));
        assertThat(world.host.dropIn("hello.service")).isEqualTo(LimitsDropIn.text("hello", TIGHT));
    }

    @Test
    void limitsTheServiceCannotLiveWithArePutBack() {
        world.apply(hello.withLimits(TIGHT));
        world.health = spec -> {
            if (spec.limits().equals(TIGHTER)) {
                throw new BerthException(Reason.HealthCheckFailed, "hello.service was killed: out of memory");
            }
        };

        Pass pass = world.apply(hello.withLimits(TIGHTER));

        assertThat(pass.converged()).isFalse();
        assertThat(world.host.dropIn("hello.service")).isEqualTo(LimitsDropIn.text("hello", TIGHT));
        assertThat(world.store.load().image("hello").orElseThrow().limits()).isEqualTo(TIGHT);
        assertThat(pass.outcome("hello").orElseThrow().problem().orElseThrow().message())
                .contains("the limits hello 1.0 had before were put back");
    }

    @Test
    void removingTheImageRemovesItsDropIns() {
        world.apply(hello.withLimits(TIGHT), other);

        world.apply(other);

        assertThat(world.host.dropIn("hello.service")).isEmpty();
    }

    @Test
    void aLimitAboveTheHostsCapIsRefusedNamingTheImageTheLimitTheValueAndTheCap() {
        world.policy = new LocalPolicy(
                Set.of(),
                List.of(),
                LocalPolicy.DEFAULT_MAX_IMAGE_BYTES,
                false,
                new Limits(Map.of(Limit.MEMORY_MAX, "512M")));

        Pass pass = world.apply(hello.withLimits(new Limits(Map.of(Limit.MEMORY_MAX, "1G"))));

        assertThat(pass.plan().findings()).singleElement().isInstanceOfSatisfying(Finding.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.PolicyViolation);
            assertThat(r.message())
                    .contains("image hello 1.0")
                    .contains("limits.memoryMax 1G is above this host's cap policy.limits.memoryMax 512M");
        });
        assertThat(world.host.attached()).isEmpty();
    }

    @Test
    void aCappedLimitLeftUnsetIsRefusedAndOneAtTheCapIsAllowed() {
        world.policy = new LocalPolicy(
                Set.of(),
                List.of(),
                LocalPolicy.DEFAULT_MAX_IMAGE_BYTES,
                false,
                new Limits(Map.of(Limit.MEMORY_MAX, "512M", Limit.TASKS_MAX, "100")));

        assertThat(LimitCaps.exceeded(Limits.NONE, world.policy.limitCaps()))
                .containsExactlyInAnyOrder(
                        "limits.memoryMax is not set (unlimited), but this host caps it at policy.limits.memoryMax"
                                + " 512M: set it at or below the cap",
                        "limits.tasksMax is not set (unlimited), but this host caps it at policy.limits.tasksMax 100:"
                                + " set it at or below the cap");
        assertThat(LimitCaps.exceeded(
                        new Limits(Map.of(Limit.MEMORY_MAX, "512M", Limit.TASKS_MAX, "infinity")),
                        world.policy.limitCaps()))
                .containsExactly("limits.tasksMax infinity is above this host's cap policy.limits.tasksMax 100");
        assertThat(LimitCaps.exceeded(
                        new Limits(Map.of(Limit.MEMORY_MAX, "50%", Limit.TASKS_MAX, "100")), world.policy.limitCaps()))
                .containsExactly("limits.memoryMax 50% cannot be held to this host's cap policy.limits.memoryMax 512M"
                        + " (one is a percent, the other is not): give it as the cap does");
        assertThat(world.apply(hello.withLimits(new Limits(Map.of(Limit.MEMORY_MAX, "256M", Limit.TASKS_MAX, "100"))))
                        .converged())
                .isTrue();
    }
}

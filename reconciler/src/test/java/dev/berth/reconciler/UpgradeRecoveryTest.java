package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.PortableState;
import dev.berth.model.state.ManagedImage;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.port.Attachment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After any failed step the next pass converges without a person, and a new entry that cannot work leaves the
 * previous version running, not nothing: portabled's reattach can detach the running version and then refuse,
 * leaving its units running without unit files, which blocks every later attach of that image.
 */
class UpgradeRecoveryTest {
    private static final String ONE = Fixtures.path("hello", "1.0");
    private static final String TWO = Fixtures.path("hello", "2.0");

    private final World world = new World();
    private final ImageSpec v1 = world.publish(TestImage.service("hello", "1.0"));
    private final ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));

    @Test
    void anUpgradeRefusedHalfWayIsRolledBackOnceTheUnitsLeftRunningAreStopped() {
        world.apply(v1);
        world.host.failNextReattachHalfWay(new BerthException(Reason.AttachRejected, "cannot mount hello_2.0.raw"));

        Pass pass = world.apply(v2);

        assertThat(pass.execution().failure().orElseThrow().error())
                .hasMessageContaining("cannot mount")
                .hasMessageContaining("rolled back to hello 1.0");
        assertThat(pass.execution().failure().orElseThrow().undone()).isEqualTo(new Undone.RestoredTo("1.0"));
        assertRunning("hello 1.0");
        assertThat(world.host.calls())
                .containsSubsequence("reattach " + TWO, "stopOrphanedUnits " + ONE, "attach " + ONE);
        ManagedImage entry = world.store.load().images().get("hello");
        assertThat(entry.version()).isEqualTo("1.0");
        assertThat(entry.phase()).isEqualTo(ManagedImage.Phase.ATTACHED);
    }

    @Test
    void matchesTheNewVersionDoesNotAllowLeaveThePreviousVersionRunningAndTheOldManifestConverges() {
        TestImage b = TestImage.service("b", "1").allowingOnly("b");
        ImageSpec b1 = world.publish(b);
        ImageSpec b2 = Fixtures.matches(world.publish(b.at("2")), "b", "dbus");
        world.apply(b1);

        Pass refused = world.apply(b2);
        Pass back = world.apply(b1);

        assertThat(refused.execution().failure().orElseThrow().error().reason()).isEqualTo(Reason.AttachRejected);
        assertThat(refused.execution().failure().orElseThrow().error())
                .hasMessageContaining("nothing was changed: b 1 is still attached");
        assertThat(world.host.calls()).noneMatch(c -> c.startsWith("detach ") || c.equals("reattach " + path("b", 1)));
        assertThat(back.converged()).isTrue();
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("b 1");
        assertThat(world.pool.exists(path("b", 2))).isFalse();
    }

    @Test
    void newMatchesThatWouldTakeOverAUnitOfTheHostAreRefusedAndTheHostUnitKeepsRunning() {
        TestImage b = TestImage.service("b", "1")
                .plus(new TestImage.TestUnit("dbus.service", TestImage.TestUnit.Kind.LONG_RUNNING));
        ImageSpec b1 = world.publish(b);
        ImageSpec b2 = Fixtures.matches(world.publish(b.at("2")), "b", "dbus");
        world.host.runOnHost("dbus.service");
        world.apply(b1);

        Pass refused = world.apply(b2);
        Pass back = world.apply(b1);

        assertThat(refused.execution().failure().orElseThrow().error()).hasMessageContaining("dbus.service");
        assertThat(back.converged()).isTrue();
        assertThat(world.host.attached().get(0).unitNames()).containsExactly("b.service");
        assertThat(world.host.runningOnHost("dbus.service")).isTrue();
    }

    @Test
    void whenTheRollbackFailsTooTheOldManifestConvergesOnTheNextPass() {
        failUpgradeAndRollback();

        Pass next = world.apply(v1);

        assertThat(next.converged()).isTrue();
        assertRunning("hello 1.0");
    }

    @Test
    void whenTheRollbackFailsTooTheSameManifestConvergesOnTheNextPass() {
        failUpgradeAndRollback();

        Pass next = world.apply(v2);

        assertThat(next.converged()).isTrue();
        assertRunning("hello 2.0");
        assertThat(world.pool.exists(ONE)).isFalse();
    }

    @Test
    void whenTheNewVersionStillCannotBeAttachedThePreviousVersionRunsAgain() {
        failUpgradeAndRollback();
        world.host.failNext("attach", new BerthException(Reason.AttachRejected, "hello_2.0.raw cannot be mounted"));

        Pass next = world.apply(v2);

        assertThat(next.converged()).isFalse();
        assertThat(next.execution().failure().orElseThrow().error()).hasMessageContaining("rolled back to hello 1.0");
        assertRunning("hello 1.0");
        assertThat(world.store.load().images().get("hello").phase()).isEqualTo(ManagedImage.Phase.ATTACHED);
        assertThat(world.store.load().images().get("hello").version()).isEqualTo("1.0");
    }

    @Test
    void unitsAnOwnedImageLeftRunningWithoutUnitFilesAreStoppedAndTheImageAttachedAgain() {
        world.apply(v1);
        world.host.strand("hello");

        Pass next = world.apply(v1);

        assertThat(next.converged()).isTrue();
        assertRunning("hello 1.0");
    }

    @Test
    void unitsLeftRunningByAnImageBerthDoesNotOwnAreNeverStopped() {
        String manual = world.host.install(Fixtures.POOL, TestImage.service("hello", "0.9"));
        world.host.attach(new Attachment(manual, List.of("hello"), "default", false, true, true));
        world.host.strand("hello");

        Pass pass = world.apply(v1);

        assertThat(pass.execution().failure().orElseThrow().error().reason()).isEqualTo(Reason.AttachRejected);
        assertThat(world.host.runningWithoutUnitFiles()).containsExactly("hello.service");
        assertThat(world.host.calls()).noneMatch(c -> c.startsWith("stopOrphanedUnits "));
    }

    /** An upgrade portabled refuses half way, and a rollback that cannot stop the units left running. */
    private void failUpgradeAndRollback() {
        world.apply(v1);
        world.host.failNextReattachHalfWay(new BerthException(Reason.AttachRejected, "cannot mount hello_2.0.raw"));
        world.host.failNext("stopOrphanedUnits", new BerthException(Reason.DetachFailed, "hello.service did not stop"));
        Pass failed = world.apply(v2);
        assertThat(failed.execution().failure().orElseThrow().error()).hasMessageContaining("failed too");
        assertThat(world.host.attached()).isEmpty();
        assertThat(world.host.runningWithoutUnitFiles()).containsExactly("hello.service");
    }

    private void assertRunning(String label) {
        assertThat(world.host.attached()).singleElement().satisfies(image -> {
            assertThat(image.label()).isEqualTo(label);
            assertThat(image.state()).isEqualTo(PortableState.RUNNING);
        });
        assertThat(world.host.runningWithoutUnitFiles()).isEmpty();
    }

    private static String path(String name, int version) {
        return Fixtures.path(name, Integer.toString(version));
    }
}

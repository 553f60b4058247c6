package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.Action;
import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Step;
import dev.berth.model.state.ManagedImage;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.fake.Releases;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.port.HealthGate;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Entries that layer extension images on a shared base image, on a world of fakes. */
class ExtensionsTest {
    private static final TestImage BASE = TestImage.base("base", "1");
    private static final String BASE_PATH = Fixtures.path("base", "1");

    private final World world = new World();
    private final Releases releases = new Releases(world.fetcher, world.host, Fixtures.POOL);

    @Test
    void twoEntriesOnOneBaseAttachAsTwoImagesAndDownloadTheBaseOnce() {
        Pass pass = world.apply(app("1.0"), other("1.0"));

        assertThat(pass.converged()).isTrue();
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("app 1.0", "other 1.0");
        assertThat(world.host.attached()).extracting(AttachedImage::imagePath).containsOnly(BASE_PATH);
        assertThat(world.fetcher.fetched())
                .filteredOn(url -> url.equals(URI.create("https://images.example/base_1.raw")))
                .hasSize(1);
    }

    @Test
    void applyingAgainFindsNothingToDo() {
        world.apply(app("1.0"), other("1.0"));

        assertThat(world.apply(app("1.0"), other("1.0")).plan().isEmpty()).isTrue();
    }

    @Test
    void upgradingOneAppsExtensionIsOneReattachAndLeavesTheOtherUntouched() {
        world.apply(app("1.0"), other("1.0"));

        Pass pass = world.apply(app("2.0"), other("1.0"));

        assertThat(pass.converged()).isTrue();
        assertThat(pass.plan().steps())
                .extracting(Step::action)
                .containsExactly(Action.FETCH, Action.UPGRADE, Action.PRUNE);
        assertThat(world.host.calls())
                .filteredOn(c -> c.startsWith("reattach"))
                .containsExactly("reattach " + BASE_PATH);
        assertThat(extensionsOf("app")).containsExactly(Fixtures.path("app", "2.0"));
        assertThat(extensionsOf("other")).containsExactly(Fixtures.path("other", "1.0"));
        assertThat(world.pool.exists(Fixtures.path("app", "1.0"))).isFalse();
        assertThat(world.pool.exists(BASE_PATH)).isTrue();
    }

    @Test
    void removingOneEntryKeepsTheBaseTheOtherStillRunsOn() {
        world.apply(app("1.0"), other("1.0"));

        Pass pass = world.apply(other("1.0"));

        assertThat(pass.converged()).isTrue();
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("other 1.0");
        assertThat(world.pool.exists(Fixtures.path("app", "1.0"))).isFalse();
        assertThat(world.pool.exists(BASE_PATH)).isTrue();
    }

    @Test
    void removingTheLastEntryOnABaseDeletesTheBase() {
        world.apply(app("1.0"), other("1.0"));
        world.apply(other("1.0"));

        world.apply();

        assertThat(world.host.attached()).isEmpty();
        assertThat(world.pool.exists(BASE_PATH)).isFalse();
    }

    @Test
    void anExtensionThatFailsItsHealthGateIsRolledBackToTheExtensionThatRan() {
        world.apply(app("1.0"), other("1.0"));
        world.health = failing("app", "2.0");

        Pass pass = world.apply(app("2.0"), other("1.0"));

        assertThat(pass.converged()).isFalse();
        assertThat(extensionsOf("app")).containsExactly(Fixtures.path("app", "1.0"));
        assertThat(extensionsOf("other")).containsExactly(Fixtures.path("other", "1.0"));
    }

    @Test
    void anExtensionListChangedByHandIsPutBack() {
        world.apply(app("1.0"));
        String byHand = world.host.install(Fixtures.POOL, TestImage.extensionOf(BASE, "app", "9.0"));
        world.host.reattach(new dev.berth.reconciler.port.Attachment(
                BASE_PATH, java.util.List.of("app"), "default", false, true, true, java.util.List.of(byHand)));

        Pass pass = world.apply(app("1.0"));

        assertThat(pass.plan().steps()).extracting(Step::action).contains(Action.UPGRADE);
        assertThat(extensionsOf("app")).containsExactly(Fixtures.path("app", "1.0"));
    }

    @Test
    void anUpgradeKilledAfterItsReattachIsRolledBackNextPassToTheBaseAndTheExtensionsThatRanBefore() {
        world.apply(app("1.0"));
        world.health = spec -> {
            throw new Killed();
        };
        assertThatThrownBy(() -> world.apply(app("2.0"))).isInstanceOf(Killed.class);
        assertThat(world.store.load().image("app").orElseThrow().previous().extensions())
                .containsExactly(Fixtures.path("app", "1.0"));
        world.health = failing("app", "2.0");

        Pass pass = world.apply(app("2.0"));

        assertThat(pass.execution().failure().orElseThrow().undone()).isEqualTo(new Undone.RestoredTo("1.0"));
        assertThat(extensionsOf("app")).containsExactly(Fixtures.path("app", "1.0"));
        assertThat(world.store.load().image("app").orElseThrow().extensions())
                .containsExactly(Fixtures.path("app", "1.0"));
    }

    @Test
    void anUpgradeThatLeftNothingAttachedIsRolledBackNextPassToTheBaseAndTheExtensionsThatRanBefore() {
        world.apply(app("1.0"));
        world.host.failNextReattachHalfWay(new BerthException(Reason.AttachRejected, "cannot mount app_2.0.raw"));
        world.host.failNext("stopOrphanedUnits", new BerthException(Reason.AttachRejected, "portabled went away"));
        world.apply(app("2.0"));
        assertThat(world.host.attached()).isEmpty();
        assertThat(world.store.load().image("app").orElseThrow().phase()).isEqualTo(ManagedImage.Phase.UPGRADING);
        world.host.failNext("attach", new BerthException(Reason.AttachRejected, "cannot mount app_2.0.raw"));

        Pass pass = world.apply(app("2.0"));

        assertThat(pass.execution().failure().orElseThrow().undone()).isEqualTo(new Undone.RestoredTo("1.0"));
        assertThat(extensionsOf("app")).containsExactly(Fixtures.path("app", "1.0"));
        assertThat(world.host.attached()).extracting(AttachedImage::imagePath).containsExactly(BASE_PATH);
    }

    /** The agent dying: not an exception Berth could catch and handle. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    private static HealthGate failing(String name, String version) {
        return spec -> {
            if (spec.name().equals(name) && spec.version().equals(version)) {
                throw new BerthException(Reason.HealthCheckFailed, name + ".service failed (exit-code)");
            }
        };
    }

    private ImageSpec app(String version) {
        return releases.publishLayered(BASE, TestImage.extensionOf(BASE, "app", version));
    }

    private ImageSpec other(String version) {
        return releases.publishLayered(BASE, TestImage.extensionOf(BASE, "other", version));
    }

    private java.util.List<String> extensionsOf(String name) {
        return world.host.attached().stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow()
                .extensions();
    }
}

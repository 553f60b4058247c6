package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.Action;
import dev.berth.model.BerthException;
import dev.berth.model.Digest;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.model.Sidecar;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.PortableState;
import dev.berth.model.plan.Step;
import dev.berth.model.state.ManagedImage;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.fake.FakeDigestResolver;
import dev.berth.reconciler.fake.FakeImagePool;
import dev.berth.reconciler.fake.TestImage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private final World world = new World();

    @Test
    void anEmptyHostGetsEveryImageFetchedAttachedAndStarted() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        ImageSpec web = world.publish(TestImage.socketActivated("web", "2"));

        Pass pass = world.apply(hello, web);

        assertThat(pass.converged()).isTrue();
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0", "web 2");
        assertThat(world.store.load().images()).containsOnlyKeys("hello", "web");
        assertThat(world.store.load().images().get("hello").phase()).isEqualTo(ManagedImage.Phase.ATTACHED);
        assertThat(world.store.load().files().values())
                .allSatisfy(f -> assertThat(f.verified()).isTrue());
    }

    @Test
    void applyingAgainFindsNothingToDoAndDownloadsNothing() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        world.apply(hello);
        int fetches = world.fetcher.fetched().size();
        int hashes = world.pool.hashes();

        Pass again = world.apply(hello);

        assertThat(again.plan().isEmpty()).isTrue();
        assertThat(again.converged()).isTrue();
        assertThat(world.fetcher.fetched()).hasSize(fetches);
        assertThat(world.pool.hashes()).isEqualTo(hashes);
    }

    @Test
    void aVersionBumpUpgradesInPlaceAndDeletesTheOldFile() {
        world.apply(world.publish(TestImage.service("hello", "1.0")));
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));

        Pass pass = world.apply(v2);

        assertThat(pass.converged()).isTrue();
        assertThat(pass.plan().steps())
                .extracting(Step::action)
                .containsExactly(Action.FETCH, Action.UPGRADE, Action.PRUNE);
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("hello 2.0");
        assertThat(world.host.calls()).contains("reattach " + Fixtures.path("hello", "2.0"));
        assertThat(world.pool.exists(Fixtures.path("hello", "1.0"))).isFalse();
        assertThat(world.store.load().files()).containsOnlyKeys(Fixtures.path("hello", "2.0"));
    }

    @Test
    void aProfileChangeReattachesWithoutDownloading() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        world.apply(hello);
        int fetches = world.fetcher.fetched().size();

        Pass pass = world.apply(withProfile(hello, "nonetwork"));

        assertThat(pass.converged()).isTrue();
        assertThat(world.host.attached().get(0).profile()).contains("nonetwork");
        assertThat(world.fetcher.fetched()).hasSize(fetches);
    }

    @Test
    void anImageRemovedFromTheManifestIsDetachedAndItsFilesDeleted() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        ImageSpec web = world.publish(TestImage.service("web", "1"));
        world.apply(hello, web);

        Pass pass = world.apply(web);

        assertThat(pass.converged()).isTrue();
        assertThat(world.host.attached()).extracting(AttachedImage::name).containsExactly("web");
        assertThat(world.pool.exists(Fixtures.path("hello", "1.0"))).isFalse();
        assertThat(world.store.load().images()).containsOnlyKeys("web");
    }

    @Test
    void aWrongHashAttachesNothingAndLeavesTheRestRunning() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        world.apply(hello);
        ImageSpec bad = withSha(world.publish(TestImage.service("web", "1")), "0".repeat(64));
        List<AttachedImage> before = world.host.attached();

        Pass pass = world.apply(hello, bad);

        assertThat(pass.converged()).isFalse();
        assertThat(pass.execution().failure().orElseThrow().error().reason()).isEqualTo(Reason.VerificationFailed);
        assertThat(world.host.attached()).isEqualTo(before);
        assertThat(world.pool.exists(Fixtures.path("web", "1"))).isFalse();
        assertThat(world.store.load().files()).doesNotContainKey(Fixtures.path("web", "1"));
        assertThat(world.store.load().images()).containsOnlyKeys("hello");
    }

    @Test
    void anImageAttachedByHandIsLeftAloneAndReported() {
        String path = world.host.install(Fixtures.POOL, TestImage.service("manual", "3"));
        world.host.attach(
                new dev.berth.reconciler.port.Attachment(path, List.of("manual"), "default", false, true, true));
        world.pool.put(path, new byte[] {1});

        Pass pass = world.apply(world.publish(TestImage.service("hello", "1.0")));

        assertThat(pass.converged()).isTrue();
        assertThat(pass.plan().unmanaged())
                .extracting(u -> u.attached().label())
                .containsExactly("manual 3");
        assertThat(world.host.calls()).noneMatch(c -> c.contains("manual") && !c.startsWith("attach "));
        assertThat(world.pool.exists(path)).isTrue();
    }

    @Test
    void aDesiredNameAttachedBySomeoneElseIsRefusedAndNotTouched() {
        String path = world.host.install(Fixtures.POOL, TestImage.service("hello", "0.1"));
        world.host.attach(
                new dev.berth.reconciler.port.Attachment(path, List.of("hello"), "default", false, true, true));

        Pass pass = world.apply(world.publish(TestImage.service("hello", "1.0")));

        assertThat(pass.converged()).isFalse();
        assertThat(pass.remaining().refused()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Reason.NotOwned);
            assertThat(r.message()).contains("portablectl detach " + path);
        });
        assertThat(world.host.attached()).extracting(AttachedImage::imagePath).containsExactly(path);
    }

    @Test
    void aRefusedAttachIsUndoneAndForgotten() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        world.host.failNext("attach", new BerthException(Reason.AttachRejected, "portabled says no"));

        Pass pass = world.apply(hello);

        assertThat(pass.execution().failure().orElseThrow().error())
                .hasMessageContaining("portabled says no")
                .hasMessageContaining("the host is as it was");
        assertThat(world.host.attached()).isEmpty();
        assertThat(world.store.load().images()).isEmpty();
    }

    @Test
    void anUpgradeRefusedBeforeItChangedAnythingLeavesThePreviousVersionAndProfileRunning() {
        world.apply(world.publish(TestImage.service("hello", "1.0"), "strict"));
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));
        world.host.failNext("reattach", new BerthException(Reason.AttachRejected, "cannot mount hello_2.0.raw"));

        Pass pass = world.apply(v2);

        assertThat(pass.execution().failure().orElseThrow().error())
                .hasMessageContaining("cannot mount")
                .hasMessageContaining("nothing was changed: hello 1.0 is still attached (profile strict)");
        assertThat(pass.execution().failure().orElseThrow().undone()).isEqualTo(Undone.NOTHING);
        assertThat(world.host.calls()).noneMatch(c -> c.startsWith("reattach " + Fixtures.path("hello", "1.0")));
        AttachedImage hello = world.host.attached().get(0);
        assertThat(hello.label()).isEqualTo("hello 1.0");
        assertThat(hello.profile()).contains("strict");
        assertThat(hello.state()).isEqualTo(PortableState.RUNNING);
        ManagedImage entry = world.store.load().images().get("hello");
        assertThat(entry.version()).isEqualTo("1.0");
        assertThat(entry.phase()).isEqualTo(ManagedImage.Phase.ATTACHED);
        assertThat(world.pool.exists(Fixtures.path("hello", "1.0"))).isTrue();
    }

    @Test
    void anUpgradeThatFailsItsHealthGateIsRolledBack() {
        world.apply(world.publish(TestImage.service("hello", "1.0")));
        ImageSpec v2 = world.publish(TestImage.failing("hello", "2.0"));
        List<String> rolledBack = new ArrayList<>();
        world.listener = new dev.berth.reconciler.port.ReconcileListener() {
            @Override
            public void rolledBack(String image, Undone undone, BerthException cause) {
                rolledBack.add(image + " " + undone + " " + cause.reason());
            }
        };
        world.health = spec -> {
            if (spec.version().equals("2.0")) {
                throw new BerthException(Reason.HealthCheckFailed, "hello.service failed (exit-code)");
            }
        };

        Pass pass = world.apply(v2);

        assertThat(pass.converged()).isFalse();
        assertThat(world.host.attached().get(0).label()).isEqualTo("hello 1.0");
        assertThat(rolledBack).containsExactly("hello RestoredTo[version=1.0] HealthCheckFailed");
    }

    @Test
    void theExecutorStopsAtTheFirstFailure() {
        ImageSpec a = world.publish(TestImage.service("a", "1"));
        ImageSpec b = world.publish(TestImage.service("b", "1"));
        world.fetcher.failNext(new BerthException(Reason.FetchFailed, "connection refused"));

        Pass pass = world.apply(a, b);

        assertThat(pass.execution().completed()).isEmpty();
        assertThat(pass.execution().failure().orElseThrow().step()).isInstanceOf(Step.Fetch.class);
        assertThat(world.host.calls()).noneMatch(c -> c.startsWith("attach "));
    }

    @Test
    void theInventoryNamesAnAttachBeforePortabledIsAsked() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        world.host.failNext("attach", new BerthException(Reason.AttachRejected, "no"));

        world.apply(hello);

        assertThat(world.store.history())
                .anySatisfy(inv -> assertThat(inv.image("hello"))
                        .hasValueSatisfying(e -> assertThat(e.phase()).isEqualTo(ManagedImage.Phase.ATTACHING)));
    }

    @Test
    void aMatchingFileAPersonPutInThePoolIsUsedButNeverDeleted() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        world.pool.put(Fixtures.path("hello", "1.0"), "hello 1.0".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        world.apply(hello);
        world.apply();

        assertThat(world.fetcher.fetched()).isEmpty();
        assertThat(world.host.attached()).isEmpty();
        assertThat(world.pool.exists(Fixtures.path("hello", "1.0"))).isTrue();
    }

    @Test
    void aDifferentFileAPersonPutAtTheTargetIsNotOverwritten() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        world.pool.put(Fixtures.path("hello", "1.0"), new byte[] {42});

        Pass pass = world.apply(hello);

        assertThat(pass.execution().failure().orElseThrow().error().reason()).isEqualTo(Reason.FileConflict);
        assertThat(world.pool.content(Fixtures.path("hello", "1.0"))).hasValue(new byte[] {42});
        assertThat(world.host.attached()).isEmpty();
    }

    @Test
    void aProfileTheHostDoesNotOfferIsRefusedBeforeAnythingChanges() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"), "paranoid");

        Pass pass = world.apply(hello);

        assertThat(pass.converged()).isFalse();
        assertThat(pass.plan().refused()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Reason.ProfileUnavailable);
            assertThat(r.message()).contains("profile \"paranoid\" (m.yaml:4), which portabled does not offer");
        });
        assertThat(world.fetcher.fetched()).isEmpty();
        assertThat(world.host.calls()).noneMatch(c -> c.startsWith("attach "));
        assertThat(world.store.load().images()).isEmpty();
    }

    @Test
    void unitsStoppedByHandAreStartedAgain() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        world.apply(hello);
        world.host.stopByHand("hello");

        Pass pass = world.apply(hello);

        assertThat(pass.plan().steps()).extracting(Step::action).containsExactly(Action.START);
        assertThat(world.host.attached().get(0).state()).isEqualTo(PortableState.RUNNING);
    }

    @Test
    void aDetachThatFailsStaysInTheInventoryForTheNextPass() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        world.apply(hello);
        world.host.failNext("detach", new BerthException(Reason.DetachFailed, "unit busy"));

        Pass failed = world.apply();
        Pass retried = world.apply();

        assertThat(failed.converged()).isFalse();
        assertThat(retried.converged()).isTrue();
        assertThat(world.host.attached()).isEmpty();
        assertThat(world.store.load().images()).isEmpty();
        assertThat(world.store.load().files()).isEmpty();
    }

    private static ImageSpec withProfile(ImageSpec s, String profile) {
        return new ImageSpec(
                s.name(),
                s.version(),
                s.url(),
                s.sha256(),
                profile,
                s.matches(),
                s.enable(),
                s.start(),
                s.runtime(),
                s.origin());
    }

    private static ImageSpec withSha(ImageSpec s, String hex) {
        return new ImageSpec(
                s.name(),
                s.version(),
                s.url(),
                new dev.berth.model.Sha256(hex),
                s.profile(),
                s.matches(),
                s.enable(),
                s.start(),
                s.runtime(),
                s.origin());
    }

    @Test
    void aSha256FromASignedListIsUsedOnceTheListVerified() {
        ImageSpec pinned = world.publish(TestImage.service("hello", "1.0"));
        URI sums = URI.create("https://images.example/SHA256SUMS");
        FakeDigestResolver lists = new FakeDigestResolver();
        lists.list(sums, "hello_1.0.raw", pinned.sha256());
        world.digests = lists;

        Pass pass = world.apply(listed(pinned, sums));

        assertThat(pass.converged()).isTrue();
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0");
        assertThat(world.store.load().images().get("hello").sha256()).isEqualTo(pinned.sha256());
    }

    @Test
    void anImageWhoseListDoesNotVerifyIsHeldWhileTheOthersConverge() {
        world.apply(world.publish(TestImage.service("hello", "1.0")));
        ImageSpec v2 = world.publish(TestImage.service("hello", "2.0"));
        ImageSpec web = world.publish(TestImage.service("web", "1"));
        URI sums = URI.create("https://images.example/SHA256SUMS");
        FakeDigestResolver lists = new FakeDigestResolver();
        lists.refuse(sums, new BerthException(Reason.SignatureInvalid, "SHA256SUMS is signed by unknown key ABCD"));
        world.digests = lists;

        Pass pass = world.apply(listed(v2, sums), web);

        assertThat(pass.converged()).isFalse();
        assertThat(pass.plan().refused()).singleElement().satisfies(r -> {
            assertThat(r.image()).isEqualTo("hello");
            assertThat(r.reason()).isEqualTo(Reason.SignatureInvalid);
        });
        assertThat(world.host.attached()).extracting(AttachedImage::label).containsExactly("hello 1.0", "web 1");
        assertThat(world.fetcher.fetched()).noneMatch(u -> u.toString().contains("hello_2.0"));
    }

    @Test
    void veritySidecarsAreFetchedNextToTheImageAndDeletedWithIt() {
        ImageSpec hello = world.publish(TestImage.service("hello", "1.0"));
        byte[] roothash = "c0ffee".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        URI url = URI.create("https://images.example/hello_1.0.roothash");
        world.fetcher.serve(url, roothash);
        ImageSpec withSidecar = new ImageSpec(
                hello.name(),
                hello.version(),
                hello.url(),
                hello.digest(),
                hello.profile(),
                hello.matches(),
                true,
                true,
                false,
                hello.origin(),
                hello.health(),
                List.of(new Sidecar(Sidecar.Kind.ROOTHASH, url, FakeImagePool.sha256(roothash))));

        world.apply(withSidecar);
        String sidecarPath = Fixtures.POOL + "/hello_1.0.roothash";
        boolean fetchedNextToImage = world.pool.exists(sidecarPath);
        int fetches = world.fetcher.fetched().size();
        world.apply(withSidecar);
        int fetchesAfterNoOp = world.fetcher.fetched().size();
        world.apply();

        assertThat(fetchedNextToImage).isTrue();
        assertThat(fetchesAfterNoOp).isEqualTo(fetches);
        assertThat(world.pool.exists(sidecarPath)).isFalse();
        assertThat(world.store.load().files()).isEmpty();
    }

    private static ImageSpec listed(ImageSpec s, URI sums) {
        return new ImageSpec(
                s.name(),
                s.version(),
                s.url(),
                new Digest.Listed(sums, java.util.Optional.empty()),
                s.profile(),
                s.matches(),
                s.enable(),
                s.start(),
                s.runtime(),
                s.origin(),
                s.health(),
                s.sidecars());
    }
}

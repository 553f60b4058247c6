package dev.berth.reconciler;

import static dev.berth.reconciler.Fixtures.attached;
import static dev.berth.reconciler.Fixtures.managed;
import static dev.berth.reconciler.Fixtures.matches;
import static dev.berth.reconciler.Fixtures.partial;
import static dev.berth.reconciler.Fixtures.poolFile;
import static dev.berth.reconciler.Fixtures.runtime;
import static dev.berth.reconciler.Fixtures.spec;
import static dev.berth.reconciler.Fixtures.verified;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.ImageSpec;
import dev.berth.model.Limit;
import dev.berth.model.Limits;
import dev.berth.model.LimitsDropIn;
import dev.berth.model.Manifest;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.Observed;
import dev.berth.model.host.PoolFile;
import dev.berth.model.host.PortableState;
import dev.berth.model.plan.Finding;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.KnownFile;
import dev.berth.model.state.ManagedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {
    private static ImageSpec limited(ImageSpec spec) {
        return spec.withLimits(new Limits(Map.of(Limit.MEMORY_MAX, "256M", Limit.TASKS_MAX, "64")));
    }

    private static String dropIn(ImageSpec spec) {
        return LimitsDropIn.text(spec.name(), spec.limits()).orElseThrow();
    }

    static Stream<Case> rules() {
        return Stream.of(
                when("nothing is desired and nothing attached").expect(),
                when("a desired image is not attached: fetch, then attach")
                        .want(spec("hello", "1.0"))
                        .expect("fetch hello 1.0", "attach hello 1.0"),
                when("the verified file is already in the pool: attach without fetching")
                        .want(spec("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .expect("attach hello 1.0"),
                when("a pool file whose size or mtime changed since it was verified is fetched again")
                        .want(spec("hello", "1.0"))
                        .pool(new PoolFile(Fixtures.path("hello", "1.0"), 999L, Fixtures.MTIME))
                        .knows(verified("hello", "1.0"))
                        .expect("fetch hello 1.0", "attach hello 1.0"),
                when("a pool file nobody verified is checked by fetching")
                        .want(spec("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect("fetch hello 1.0", "attach hello 1.0"),
                when("the image is attached as desired: nothing to do")
                        .want(spec("hello", "1.0"))
                        .attached(attached("hello", "1.0"))
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect(),
                when("another version is attached: fetch, then upgrade")
                        .want(spec("hello", "2.0"))
                        .attached(attached("hello", "1.0"))
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .expect("fetch hello 2.0", "upgrade hello 1.0 -> 2.0 default", "prune hello_1.0.raw"),
                when("another profile is wanted: upgrade in place without fetching")
                        .want(spec("hello", "1.0", "strict"))
                        .attached(attached("hello", "1.0"))
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect("upgrade hello 1.0 -> 1.0 strict"),
                when("the host does not show the profile: the inventory's is compared")
                        .want(spec("hello", "1.0", "strict"))
                        .attached(new AttachedImage(
                                Fixtures.path("hello", "1.0"), Optional.empty(), PortableState.RUNNING, List.of()))
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect("upgrade hello 1.0 -> 1.0 strict"),
                when("the runtime flag changes: upgrade")
                        .want(runtime(spec("hello", "1.0")))
                        .attached(attached("hello", "1.0"))
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect("upgrade hello 1.0 -> 1.0 default"),
                when("the match list changes: upgrade")
                        .want(matches(spec("hello", "1.0"), "hello", "hello-admin"))
                        .attached(attached("hello", "1.0"))
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect("upgrade hello 1.0 -> 1.0 default"),
                when("another sha256 for the attached version is refused: versions are immutable")
                        .want(withSha(spec("hello", "1.0"), "f".repeat(64)))
                        .attached(attached("hello", "1.0"))
                        .owns(managed("hello", "1.0"))
                        .expect("refuse hello VersionConflict"),
                when("limits added to an attached image: only a limit step for it")
                        .want(limited(spec("hello", "1.0")), spec("other", "1.0"))
                        .attached(attached("hello", "1.0"), attached("other", "1.0"))
                        .owns(managed("hello", "1.0"), managed("other", "1.0"))
                        .knows(verified("hello", "1.0"), verified("other", "1.0"))
                        .pool(poolFile("hello", "1.0"), poolFile("other", "1.0"))
                        .expect("limit hello 1.0 MemoryMax=256M TasksMax=64"),
                when("limits applied as the manifest says: nothing to do")
                        .want(limited(spec("hello", "1.0")))
                        .attached(attached("hello", "1.0"))
                        .owns(managed(limited(spec("hello", "1.0")), ManagedImage.Phase.ATTACHED))
                        .dropIn("hello.service", dropIn(limited(spec("hello", "1.0"))))
                        .knows(verified("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect(),
                when("limits changed in the manifest: a limit step, not drift")
                        .want(spec("hello", "1.0").withLimits(new Limits(Map.of(Limit.TASKS_MAX, "32"))))
                        .attached(attached("hello", "1.0"))
                        .owns(managed(limited(spec("hello", "1.0")), ManagedImage.Phase.ATTACHED))
                        .dropIn("hello.service", dropIn(limited(spec("hello", "1.0"))))
                        .knows(verified("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect("limit hello 1.0 TasksMax=32"),
                when("limits taken out of the manifest: a limit step removes the drop-in")
                        .want(spec("hello", "1.0"))
                        .attached(attached("hello", "1.0"))
                        .owns(managed(limited(spec("hello", "1.0")), ManagedImage.Phase.ATTACHED))
                        .dropIn("hello.service", dropIn(limited(spec("hello", "1.0"))))
                        .knows(verified("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect("limit hello 1.0 none"),
                when("a limits drop-in edited by hand is drift and put back")
                        .want(limited(spec("hello", "1.0")))
                        .attached(attached("hello", "1.0"))
                        .owns(managed(limited(spec("hello", "1.0")), ManagedImage.Phase.ATTACHED))
                        .dropIn("hello.service", "[Service]\nMemoryMax=infinity\n")
                        .knows(verified("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect("limit hello 1.0 MemoryMax=256M TasksMax=64", "drift hello LIMITS corrected"),
                when("a limits drop-in removed by hand is drift and put back")
                        .want(limited(spec("hello", "1.0")))
                        .attached(attached("hello", "1.0"))
                        .owns(managed(limited(spec("hello", "1.0")), ManagedImage.Phase.ATTACHED))
                        .knows(verified("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect("limit hello 1.0 MemoryMax=256M TasksMax=64", "drift hello LIMITS corrected"),
                when("without drift correction a limits drop-in edited by hand is only reported")
                        .withoutDriftCorrection()
                        .want(limited(spec("hello", "1.0")))
                        .attached(attached("hello", "1.0"))
                        .owns(managed(limited(spec("hello", "1.0")), ManagedImage.Phase.ATTACHED))
                        .knows(verified("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect("drift hello LIMITS reported"),
                when("an upgrade carries the new limits: no limit step besides it")
                        .want(limited(spec("hello", "2.0")))
                        .attached(attached("hello", "1.0"))
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"), verified("hello", "2.0"))
                        .pool(poolFile("hello", "1.0"), poolFile("hello", "2.0"))
                        .expect("upgrade hello 1.0 -> 2.0 default", "prune hello_1.0.raw"),
                when("a managed image was stopped by hand: start it")
                        .want(spec("hello", "1.0"))
                        .attached(attached("hello", "1.0", "default", PortableState.ATTACHED))
                        .owns(managed("hello", "1.0"))
                        .expect("start hello 1.0", "drift hello corrected"),
                when("a managed image detached by hand is attached again")
                        .want(spec("hello", "1.0"))
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect("attach hello 1.0", "drift hello corrected"),
                when("another version attached by hand is put back")
                        .want(spec("hello", "1.0"))
                        .attached(attached("hello", "0.9"))
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .pool(poolFile("hello", "1.0"))
                        .expect("upgrade hello 0.9 -> 1.0 default", "drift hello corrected"),
                when("without drift correction a detach by hand is only reported")
                        .withoutDriftCorrection()
                        .want(spec("hello", "1.0"))
                        .owns(managed("hello", "1.0"))
                        .expect("drift hello reported"),
                when("without drift correction stopped units are only reported")
                        .withoutDriftCorrection()
                        .want(spec("hello", "1.0"))
                        .attached(attached("hello", "1.0", "default", PortableState.ATTACHED))
                        .owns(managed("hello", "1.0"))
                        .expect("drift hello reported"),
                when("without drift correction a manifest change is still applied")
                        .withoutDriftCorrection()
                        .want(spec("hello", "2.0"))
                        .attached(attached("hello", "1.0"))
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .expect("fetch hello 2.0", "upgrade hello 1.0 -> 2.0 default", "prune hello_1.0.raw"),
                when("an image that should not start is left stopped")
                        .want(notStarted(spec("hello", "1.0")))
                        .attached(attached("hello", "1.0", "default", PortableState.ATTACHED))
                        .owns(managed("hello", "1.0"))
                        .expect(),
                when("an attach interrupted after portabled attached it is finished by starting")
                        .want(spec("hello", "1.0"))
                        .attached(attached("hello", "1.0"))
                        .owns(managed(spec("hello", "1.0"), ManagedImage.Phase.ATTACHING))
                        .expect("start hello 1.0"),
                when("an upgrade interrupted after the reattach is redone, so the units restart")
                        .want(spec("hello", "2.0"))
                        .attached(attached("hello", "2.0"))
                        .owns(managed(spec("hello", "2.0"), ManagedImage.Phase.UPGRADING))
                        .knows(verified("hello", "2.0"))
                        .pool(poolFile("hello", "2.0"))
                        .expect("upgrade hello 2.0 -> 2.0 default"),
                when("a managed image is no longer desired: detach it and delete its files")
                        .attached(attached("hello", "1.0"))
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .expect("detach hello 1.0 delete hello_1.0.raw"),
                when("a managed image already detached by hand is forgotten and its files deleted")
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .expect("detach hello 1.0 (not attached) delete hello_1.0.raw"),
                when("an image attached by someone else and not desired is reported, never touched")
                        .attached(attached("other", "3"))
                        .expect("unmanaged other 3"),
                when("a desired name attached by someone else is refused")
                        .want(spec("other", "3"))
                        .attached(attached("other", "2"))
                        .expect("refuse other NotOwned"),
                when("a desired name attached twice is refused")
                        .want(spec("hello", "1.0"))
                        .attached(attached("hello", "1.0"), attached("hello", "0.9"))
                        .owns(managed("hello", "1.0"))
                        .expect("refuse hello NotOwned"),
                when("a profile portabled does not offer is refused before anything is fetched")
                        .want(spec("hello", "1.0", "paranoid"))
                        .expect("refuse hello ProfileUnavailable"),
                when("a held image is left exactly as it is: not fetched, not changed, not detached")
                        .want(spec("hello", "2.0"))
                        .attached(attached("hello", "1.0"))
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .hold("hello", Reason.SignatureInvalid)
                        .expect("refuse hello SignatureInvalid"),
                when("a held image that is not attached is not fetched")
                        .want(spec("hello", "1.0"))
                        .hold("hello", Reason.FetchFailed)
                        .expect("refuse hello FetchFailed"),
                when("a verity sidecar missing from the pool is fetched with its image")
                        .want(withRoothash(spec("hello", "1.0")))
                        .pool(poolFile("hello", "1.0"))
                        .knows(verified("hello", "1.0"))
                        .expect("fetch hello 1.0", "attach hello 1.0"),
                when("an upgrade prunes the old version's sidecars too")
                        .want(spec("hello", "2.0"))
                        .attached(attached("hello", "1.0"))
                        .owns(managed("hello", "1.0"))
                        .knows(verified("hello", "1.0"), roothashOf("hello", "1.0"))
                        .expect(
                                "fetch hello 2.0",
                                "upgrade hello 1.0 -> 2.0 default",
                                "prune hello_1.0.raw,hello_1.0.roothash"),
                when("files a person put in the pool are never pruned")
                        .knows(new KnownFile(
                                Fixtures.path("x", "1"), "x", "1", Fixtures.sha("x", "1"), false, 1L, Fixtures.MTIME))
                        .expect(),
                when("a downloaded file no image uses is pruned")
                        .knows(verified("hello", "0.9"))
                        .expect("prune hello_0.9.raw"),
                when("a partial download of a version no longer desired is pruned")
                        .want(spec("hello", "2.0"))
                        .attached(attached("hello", "2.0"))
                        .owns(managed("hello", "2.0"))
                        .pool(
                                partial("hello_1.0.raw.partial"),
                                partial("hello_2.0.raw.partial"),
                                partial("unrelated_1.raw"))
                        .expect("prune .#hello_1.0.raw.partial"),
                when("a partial download of an image nobody knows any more is pruned, with its meta file")
                        .pool(
                                partial("gone_1.raw.partial"),
                                partial("gone_1.raw.partial.meta"),
                                partial("sysupdate-transfer"))
                        .expect("prune .#gone_1.raw.partial,.#gone_1.raw.partial.meta"),
                when("a held image keeps its partial download for when it is released")
                        .want(spec("hello", "2.0"))
                        .hold("hello", Reason.FetchFailed)
                        .pool(partial("hello_2.0.raw.partial"))
                        .expect("refuse hello FetchFailed"),
                when("the plan orders fetches first, then changes in manifest order, then detaches, then pruning")
                        .want(spec("b", "2"), spec("a", "1"))
                        .attached(attached("b", "1"), attached("old", "1"))
                        .owns(managed("b", "1"), managed("old", "1"))
                        .knows(verified("b", "1"), verified("old", "1"))
                        .expect(
                                "fetch b 2",
                                "fetch a 1",
                                "upgrade b 1 -> 2 default",
                                "attach a 1",
                                "detach old 1 delete old_1.raw",
                                "prune b_1.raw"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void plansByRule(Case c) {
        Planner planner = new Planner(Fixtures.POOL, c.driftCorrection);
        assertThat(PlanText.of(planner.plan(c.desired, c.observed, c.inventory, c.holds)))
                .containsExactlyElementsOf(c.expected);
    }

    private static ImageSpec withRoothash(ImageSpec s) {
        return new ImageSpec(
                s.name(),
                s.version(),
                s.url(),
                s.digest(),
                s.profile(),
                s.matches(),
                s.enable(),
                s.start(),
                s.runtime(),
                s.origin(),
                s.health(),
                List.of(new dev.berth.model.Sidecar(
                        dev.berth.model.Sidecar.Kind.ROOTHASH,
                        java.net.URI.create("https://h/x.roothash"),
                        Fixtures.sha("x", "roothash"))));
    }

    private static KnownFile roothashOf(String name, String version) {
        return new KnownFile(
                Fixtures.POOL + "/" + name + "_" + version + ".roothash",
                name,
                version,
                Fixtures.sha(name, "roothash"),
                true,
                64L,
                Fixtures.MTIME);
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

    private static ImageSpec notStarted(ImageSpec s) {
        return new ImageSpec(
                s.name(), s.version(), s.url(), s.sha256(), s.profile(), s.matches(), false, false, false, s.origin());
    }

    static Builder when(String behaviour) {
        return new Builder(behaviour);
    }

    record Case(
            String name,
            Manifest desired,
            Observed observed,
            Inventory inventory,
            java.util.Map<String, Finding.Refused> holds,
            boolean driftCorrection,
            List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final class Builder {
        private final String name;
        private final List<ImageSpec> desired = new ArrayList<>();
        private final List<AttachedImage> attached = new ArrayList<>();
        private final List<PoolFile> pool = new ArrayList<>();
        private Inventory inventory = Inventory.empty();
        private final java.util.Map<String, Finding.Refused> holds = new java.util.HashMap<>();
        private boolean driftCorrection = true;
        private final java.util.Map<String, String> dropIns = new java.util.HashMap<>();

        /** Berth's limits drop-in of {@code unit} as found on the host. */
        Builder dropIn(String unit, String text) {
            dropIns.put(unit, text);
            return this;
        }

        Builder withoutDriftCorrection() {
            driftCorrection = false;
            return this;
        }

        Builder(String name) {
            this.name = name;
        }

        Builder want(ImageSpec... specs) {
            desired.addAll(List.of(specs));
            return this;
        }

        Builder attached(AttachedImage... images) {
            attached.addAll(List.of(images));
            return this;
        }

        Builder owns(ManagedImage... images) {
            for (ManagedImage image : images) {
                inventory = inventory.with(image);
            }
            return this;
        }

        Builder knows(KnownFile... files) {
            for (KnownFile file : files) {
                inventory = inventory.with(file);
            }
            return this;
        }

        Builder hold(String image, Reason reason) {
            holds.put(image, new Finding.Refused(image, reason, "held"));
            return this;
        }

        Builder pool(PoolFile... files) {
            pool.addAll(List.of(files));
            return this;
        }

        Case expect(String... lines) {
            return new Case(
                    name,
                    new Manifest(desired, "m.yaml"),
                    new Observed(attached, pool, Observed.SHIPPED_PROFILES, dropIns),
                    inventory,
                    holds,
                    driftCorrection,
                    List.of(lines));
        }
    }
}

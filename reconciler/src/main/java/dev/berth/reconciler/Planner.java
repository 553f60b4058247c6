package dev.berth.reconciler;

import dev.berth.model.ImageSpec;
import dev.berth.model.LimitsDropIn;
import dev.berth.model.Manifest;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.Sidecar;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.Observed;
import dev.berth.model.host.PoolFile;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Plan;
import dev.berth.model.plan.Step;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.KnownFile;
import dev.berth.model.state.ManagedImage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pure core: (desired, observed, inventory) to an ordered plan. No I/O, no clock, no logging. The order is
 * fixed: fetch and verify everything first, then attach, upgrade and start in manifest order, then detach what
 * is no longer desired, then prune files nothing uses.
 */
public final class Planner {
    private final String poolDir;
    private final boolean driftCorrection;

    /** @param poolDir the pool as the host sees it, e.g. /var/lib/portables */
    public Planner(String poolDir) {
        this(poolDir, true);
    }

    /** @param driftCorrection put back what a person changed on a managed image; when false only report it */
    public Planner(String poolDir, boolean driftCorrection) {
        this.poolDir = poolDir.endsWith("/") ? poolDir.substring(0, poolDir.length() - 1) : poolDir;
        this.driftCorrection = driftCorrection;
    }

    public Plan plan(Manifest desired, Observed observed, Inventory inventory) {
        return plan(desired, observed, inventory, Map.of());
    }

    /**
     * The plan for {@code desired} against the host, leaving held images exactly as they are.
     *
     * @param holds images to leave exactly as they are, with the finding that says why: refused (a SHA256SUMS
     *     that did not verify, a local policy the image breaks, a change that failed before), or waiting (for a
     *     rollout wave, a maintenance window, a resume); a waiting image keeps its files, and may download ahead
     */
    public Plan plan(
            Manifest desired, Observed observed, Inventory inventory, Map<String, ? extends Finding.Hold> holds) {
        Draft draft = new Draft();
        Map<String, Finding.Refused> conflicts = PoolClaims.of(desired, poolDir, observed, inventory);
        for (ImageSpec spec : desired.images()) {
            Finding.Hold held =
                    conflicts.containsKey(spec.name()) ? conflicts.get(spec.name()) : holds.get(spec.name());
            if (held instanceof Finding.Refused) {
                draft.findings.add(held);
                draft.refusedNames.add(spec.name());
            } else if (held instanceof Finding.Waiting waiting) {
                draft.findings.add(held);
                if (waiting.cause().downloadsAhead() && spec.resolved()) {
                    fetchIfNeeded(spec, targetOf(spec), observed, inventory, draft);
                }
            } else {
                planDesired(spec, observed, inventory, draft);
            }
        }
        for (ManagedImage managed : inventory.images().values()) {
            if (desired.image(managed.name()).isPresent()) {
                continue;
            }
            Finding.Hold held = holds.get(managed.name());
            if (held != null) {
                draft.findings.add(held);
                draft.keep.addAll(siblings(managed.imagePath()));
            } else {
                planRemoval(managed, observed, inventory, draft);
            }
        }
        for (AttachedImage attached : observed.attached()) {
            if (desired.image(attached.name()).isEmpty()
                    && inventory.image(attached.name()).isEmpty()) {
                draft.findings.add(new Finding.Unmanaged(attached));
            }
        }
        planPrune(desired, observed, inventory, draft);
        return draft.toPlan();
    }

    public String targetOf(ImageSpec spec) {
        return poolDir + "/" + spec.fileName();
    }

    /** Where the entry's extension images go in the pool, in order; empty for a plain image. */
    public List<String> extensionTargetsOf(ImageSpec spec) {
        return spec.extensions().stream().map(e -> poolDir + "/" + e.fileName()).toList();
    }

    /** Every pool file an entry uses: its image (the base, with extensions) with sidecars, and its extensions. */
    private List<String> filesOf(ImageSpec spec) {
        List<String> files = new ArrayList<>(siblings(targetOf(spec)));
        files.addAll(extensionTargetsOf(spec));
        return files;
    }

    /** Every pool file an attached image runs from. */
    private static List<String> filesOf(AttachedImage attached) {
        List<String> files = new ArrayList<>(siblings(attached.imagePath()));
        files.addAll(attached.extensions());
        return files;
    }

    private void planDesired(ImageSpec spec, Observed observed, Inventory inventory, Draft draft) {
        if (!spec.resolved()) {
            throw new IllegalArgumentException(
                    "the sha256 of " + spec.label() + " must be resolved, or the image held");
        }
        List<AttachedImage> attached = observed.attachedNamed(spec.name());
        Optional<ManagedImage> managed = inventory.image(spec.name());
        if (attached.size() > 1) {
            draft.refuse(
                    spec,
                    Reason.NotOwned,
                    "image " + spec.name() + " is attached " + attached.size() + " times ("
                            + String.join(
                                    ", ",
                                    attached.stream()
                                            .map(AttachedImage::imagePath)
                                            .toList())
                            + "); detach the extra copies by hand with portablectl detach");
            return;
        }
        if (!attached.isEmpty() && managed.isEmpty()) {
            AttachedImage other = attached.get(0);
            draft.refuse(
                    spec,
                    Reason.NotOwned,
                    "image " + spec.name() + " is already attached from " + other.imagePath()
                            + " but Berth did not attach it, so Berth leaves it alone; detach it by hand (portablectl detach "
                            + other.imagePath() + ") to let Berth manage " + spec.label()
                            + ", or remove it from the manifest");
            return;
        }
        if (!observed.profiles().contains(spec.profile())) {
            draft.refuse(
                    spec,
                    Reason.ProfileUnavailable,
                    "image " + spec.label() + " asks for profile \""
                            + spec.profile() + "\" (" + spec.origin() + "), which portabled does not offer on this host"
                            + " (available: " + String.join(", ", new TreeSet<>(observed.profiles()))
                            + "); fix the profile or add it under /etc/systemd/portable/profile/" + spec.profile());
            return;
        }
        String target = targetOf(spec);
        if (attached.isEmpty()) {
            if (managed.isPresent()
                    && drifted(spec, managed.get(), Finding.Drifted.Kind.DETACHED, "detached outside Berth", draft)) {
                return;
            }
            fetchIfNeeded(spec, target, observed, inventory, draft);
            draft.changes.add(new Step.Attach(spec, target));
            return;
        }
        AttachedImage current = attached.get(0);
        ManagedImage entry = managed.orElseThrow();
        if (republished(spec, current, entry)) {
            draft.refuse(
                    spec,
                    Reason.VersionConflict,
                    "image " + spec.label() + " is attached with sha256 "
                            + entry.sha256().shortHex() + "..., but the manifest (" + spec.origin() + ") now gives "
                            + spec.sha256().shortHex()
                            + "... for the same version; versions are immutable: publish the new"
                            + " image under a new version, or put the old sha256 back");
            return;
        }
        if (differs(spec, current, entry)
                || layersDiffer(spec, current, target)
                || entry.phase() == ManagedImage.Phase.UPGRADING) {
            if (drifted(
                    spec,
                    entry,
                    Finding.Drifted.Kind.CHANGED,
                    "attached as " + current.label() + " with profile "
                            + current.profile().orElse("?") + " outside Berth",
                    draft)) {
                return;
            }
            fetchIfNeeded(spec, target, observed, inventory, draft);
            draft.changes.add(new Step.Upgrade(spec, target, current));
        } else {
            planLimits(spec, current, entry, observed, draft);
            planStart(spec, current, entry, draft);
        }
    }

    /**
     * A limit step when the drop-ins on the host are not the ones {@code spec}'s limits make, or the inventory does not
     * remember having written them. Drop-ins that differ while the manifest's limits did not change were changed by
     * hand: drift.
     */
    private void planLimits(ImageSpec spec, AttachedImage current, ManagedImage entry, Observed observed, Draft draft) {
        Optional<String> wanted = LimitsDropIn.text(spec.name(), spec.limits());
        List<String> off = current.unitNames().stream()
                .filter(LimitsDropIn::applies)
                .filter(unit -> !observed.limitDropIn(unit).equals(wanted))
                .toList();
        boolean remembered = entry.limits().equals(spec.limits());
        if (off.isEmpty() && remembered) {
            return;
        }
        if (!off.isEmpty()
                && remembered
                && drifted(
                        spec,
                        entry,
                        Finding.Drifted.Kind.LIMITS,
                        "limits drop-in of " + String.join(", ", off) + " changed outside Berth",
                        draft)) {
            return;
        }
        draft.changes.add(new Step.Limit(spec, current, entry.limits()));
    }

    private void planStart(ImageSpec spec, AttachedImage current, ManagedImage entry, Draft draft) {
        if (needsStart(spec, current) || entry.phase() == ManagedImage.Phase.ATTACHING) {
            if (drifted(
                    spec,
                    entry,
                    Finding.Drifted.Kind.STOPPED,
                    "units " + current.state() + " (stopped outside Berth)",
                    draft)) {
                return;
            }
            draft.changes.add(new Step.Start(spec, current));
        }
    }

    /**
     * Whether the host differs from what Berth last applied for an entry the manifest did not change: drift. It is
     * reported; and when drift correction is off, the plan leaves it (returns true: plan nothing more).
     */
    private boolean drifted(ImageSpec spec, ManagedImage entry, Finding.Drifted.Kind kind, String what, Draft draft) {
        boolean settled = entry.phase() == ManagedImage.Phase.ATTACHED;
        boolean unchanged = entry.version().equals(spec.version())
                && entry.sha256().equals(spec.sha256())
                && entry.profile().equals(spec.profile())
                && entry.matches().equals(spec.matches())
                && entry.runtime() == spec.runtime()
                && entry.limits().equals(spec.limits());
        if (!settled || !unchanged) {
            return false;
        }
        draft.findings.add(new Finding.Drifted(spec.name(), kind, what, driftCorrection));
        return !driftCorrection;
    }

    /** Version, profile, runtime flag or match list differ: the image must be reattached. */
    static boolean differs(ImageSpec spec, AttachedImage current, ManagedImage entry) {
        // With extensions, the attached files are compared instead (layersDiffer): the host's version is the last
        // extension's, which need not be the entry's.
        boolean layered = !spec.extensions().isEmpty();
        boolean version = !layered && !current.version().equals(Optional.of(spec.version()));
        boolean profile = !current.profile().orElse(entry.profile()).equals(spec.profile());
        boolean runtime = current.runtime() != spec.runtime();
        boolean matches = !entry.matches().equals(spec.matches());
        return version || profile || runtime || matches;
    }

    /**
     * With extensions, the base or any extension is another file than the one attached (or an extension was added
     * or dropped): one reattach moves them all. A plain image attached with extensions by hand differs too.
     */
    private boolean layersDiffer(ImageSpec spec, AttachedImage current, String target) {
        if (spec.extensions().isEmpty() && current.extensions().isEmpty()) {
            return false;
        }
        return !current.imagePath().equals(target) || !current.extensions().equals(extensionTargetsOf(spec));
    }

    /** The same version with other bytes: Berth would have to replace an attached image file in place. */
    private static boolean republished(ImageSpec spec, AttachedImage current, ManagedImage entry) {
        return spec.extensions().isEmpty()
                && entry.version().equals(spec.version())
                && current.version().equals(Optional.of(spec.version()))
                && !entry.sha256().equals(spec.sha256());
    }

    private static boolean needsStart(ImageSpec spec, AttachedImage current) {
        return (spec.start() && !current.state().isRunning())
                || (spec.enable() && !current.state().isEnabled());
    }

    /** Plans a fetch unless the image and each of its sidecars is in the pool exactly as verified before. */
    private void fetchIfNeeded(ImageSpec spec, String target, Observed observed, Inventory inventory, Draft draft) {
        boolean trusted = trusted(target, spec.sha256(), observed, inventory);
        for (Sidecar sidecar : spec.sidecars()) {
            trusted &= trusted(sidecar.pathNextTo(target), sidecar.sha256(), observed, inventory);
        }
        List<String> extensionTargets = extensionTargetsOf(spec);
        for (int i = 0; i < extensionTargets.size(); i++) {
            Optional<Sha256> sha256 = spec.extensions().get(i).digest().sha256();
            trusted &= sha256.isPresent() && trusted(extensionTargets.get(i), sha256.get(), observed, inventory);
        }
        if (!trusted) {
            draft.fetches.add(new Step.Fetch(spec, target));
        }
        draft.keep.addAll(filesOf(spec));
    }

    static boolean trusted(String path, Sha256 sha256, Observed observed, Inventory inventory) {
        Optional<PoolFile> present = observed.poolFile(path);
        Optional<KnownFile> known = inventory.file(path);
        return present.isPresent()
                && known.isPresent()
                && known.get()
                        .vouchesFor(sha256, present.get().size(), present.get().modified());
    }

    /** A raw image and the verity sidecars portabled would look for next to it. */
    static List<String> siblings(String imagePath) {
        List<String> paths = new ArrayList<>();
        paths.add(imagePath);
        for (Sidecar.Kind kind : Sidecar.Kind.values()) {
            paths.add(kind.pathNextTo(imagePath));
        }
        return paths;
    }

    private void planRemoval(ManagedImage managed, Observed observed, Inventory inventory, Draft draft) {
        Optional<AttachedImage> attached =
                observed.attachedNamed(managed.name()).stream().findFirst();
        Set<String> usedByOthers = new LinkedHashSet<>(draft.keep);
        for (AttachedImage other : observed.attached()) {
            if (!other.name().equals(managed.name())) {
                usedByOthers.addAll(filesOf(other));
            }
        }
        // A base shared by entries is recorded under the entry that downloaded it first: it stays while any uses it,
        // and goes with the last.
        Set<String> runsOn = attached.map(Planner::filesOf).map(Set::copyOf).orElse(Set.of());
        List<String> files = inventory.files().values().stream()
                .filter(f -> f.downloaded() && (f.image().equals(managed.name()) || runsOn.contains(f.path())))
                .map(KnownFile::path)
                .filter(path -> !usedByOthers.contains(path))
                .toList();
        draft.removals.add(new Step.Detach(managed, attached, files));
        draft.removed.addAll(files);
    }

    /**
     * Downloaded files that nothing will use once the plan has run: superseded versions, files of refused or
     * removed images, and partial downloads of versions no longer wanted.
     */
    private void planPrune(Manifest desired, Observed observed, Inventory inventory, Draft draft) {
        Set<String> inUse = new LinkedHashSet<>(draft.keep);
        for (AttachedImage attached : observed.attached()) {
            boolean replaced = draft.changes.stream()
                    .anyMatch(s -> s instanceof Step.Upgrade u
                            && u.from().imagePath().equals(attached.imagePath())
                            && u.from().extensions().equals(attached.extensions()));
            if (!replaced) {
                inUse.addAll(filesOf(attached));
            }
        }
        for (ImageSpec spec : desired.images()) {
            if (!draft.refusedNames.contains(spec.name())) {
                inUse.addAll(filesOf(spec));
            }
        }
        List<String> prune = new ArrayList<>();
        for (KnownFile file : inventory.files().values()) {
            if (file.downloaded() && !inUse.contains(file.path()) && !draft.removed.contains(file.path())) {
                prune.add(file.path());
            }
        }
        Set<String> wanted = new LinkedHashSet<>();
        desired.images().forEach(spec -> wanted.addAll(filesOf(spec)));
        for (PoolFile file : observed.pool()) {
            if (isStalePartial(file, wanted)) {
                prune.add(file.path());
            }
        }
        if (!prune.isEmpty()) {
            draft.prune = Optional.of(
                    new Step.Prune(prune.stream().distinct().sorted().toList()));
        }
    }

    /**
     * A partial download (".#FILE.partial" and its ".meta") whose file no desired image wants, whatever image it
     * was for: a removed image's, a superseded version's, or one a killed Berth left. Other hidden files in the
     * pool belong to other tools and are left alone.
     */
    private boolean isStalePartial(PoolFile file, Set<String> wanted) {
        String name = file.fileName();
        if (!name.startsWith(".#")) {
            return false;
        }
        String target;
        if (name.endsWith(".partial")) {
            target = name.substring(2, name.length() - ".partial".length());
        } else if (name.endsWith(".partial.meta")) {
            target = name.substring(2, name.length() - ".partial.meta".length());
        } else {
            return false;
        }
        return !target.isEmpty() && !wanted.contains(poolDir + "/" + target);
    }

    /** The plan being assembled, in its four ordered parts. */
    private static final class Draft {
        final List<Step> fetches = new ArrayList<>();
        final List<Step> changes = new ArrayList<>();
        final List<Step> removals = new ArrayList<>();
        Optional<Step> prune = Optional.empty();
        final List<Finding> findings = new ArrayList<>();
        final Set<String> keep = new LinkedHashSet<>();
        final Set<String> removed = new LinkedHashSet<>();
        final Set<String> refusedNames = new LinkedHashSet<>();

        void refuse(ImageSpec spec, Reason reason, String message) {
            findings.add(new Finding.Refused(spec.name(), reason, message));
            refusedNames.add(spec.name());
        }

        Plan toPlan() {
            List<Step> steps = new ArrayList<>(fetches);
            steps.addAll(changes);
            steps.addAll(removals);
            prune.ifPresent(steps::add);
            return new Plan(steps, findings);
        }
    }
}

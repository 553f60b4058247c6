package dev.berth.reconciler;

import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Step;
import dev.berth.model.state.KnownFile;
import dev.berth.model.state.ManagedImage;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.port.Attachment;
import dev.berth.reconciler.port.ImagePool;
import dev.berth.reconciler.port.PortableHost;
import dev.berth.reconciler.port.ReconcileListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Makes the changes of attach, upgrade, start and limit steps, each to be proven by the health gate (see
 * {@link Unproven}). A failed first attach is detached again and the
 * files downloaded for it deleted; a failed upgrade is put back on the previous version and profile, so a bad
 * release leaves the host as it was. Attaching an image Berth already owns (after a pass that died, or whose
 * rollback failed) first stops the units portabled left running without unit files, and falls back to the
 * version that ran before when the new one cannot be attached.
 */
final class Attaching {
    private final PortableHost host;
    private final ImagePool pool;
    private final ReconcileListener listener;

    Attaching(PortableHost host, ImagePool pool, ReconcileListener listener) {
        this.host = host;
        this.pool = pool;
        this.listener = listener;
    }

    /** Attaches the image; a refused attach is undone at once, a healthy one is kept when its window passed. */
    Unproven attach(Step.Attach step, Ledger ledger) {
        ImageSpec spec = step.spec();
        Optional<ManagedImage> owned = ledger.inventory().image(spec.name());
        ManagedImage.Previous fallback = owned.map(m -> fallbackOf(m, spec)).orElse(null);
        ManagedImage entry = fallback == null
                ? ManagedImage.of(spec, step.imagePath(), ManagedImage.Phase.ATTACHING, null)
                : ManagedImage.of(spec, step.imagePath(), ManagedImage.Phase.UPGRADING, fallback);
        ledger.record(inv -> inv.with(entry));
        Attachment target = attachment(spec, step.imagePath());
        UnaryOperator<BerthException> undo = e -> fallback == null
                ? undoAttach(spec, step.imagePath(), ledger, e)
                : rollBack(spec, fallback, null, ledger, e);
        try {
            if (owned.isPresent()) {
                host.stopOrphanedUnits(target);
            }
            host.attach(target);
        } catch (BerthException e) {
            throw undo.apply(e);
        }
        return new Unproven(step, spec, () -> ledger.record(inv -> inv.with(entry.settled())), undo);
    }

    Unproven upgrade(Step.Upgrade step, Ledger ledger) {
        ImageSpec spec = step.spec();
        ManagedImage current = ledger.inventory().image(spec.name()).orElseThrow();
        ManagedImage.Previous previous = previousOf(current, step.from());
        ledger.record(inv -> inv.with(ManagedImage.of(spec, step.imagePath(), ManagedImage.Phase.UPGRADING, previous)));
        UnaryOperator<BerthException> undo = e -> rollBack(spec, previous, step.from(), ledger, e);
        try {
            moveTo(attachment(spec, step.imagePath()), step.from());
        } catch (BerthException e) {
            throw undo.apply(e);
        }
        return new Unproven(step, spec, () -> settle(spec, ledger), undo);
    }

    /**
     * Starts the units. When they do not come up healthy, a first attach that a dead pass left unproven is detached
     * again, as it would have been; an image that was proven before is left as it is.
     */
    Unproven start(Step.Start step, Ledger ledger) {
        ImageSpec spec = step.spec();
        String path = step.attached().imagePath();
        boolean unproven = ledger.inventory()
                .image(spec.name())
                .map(m -> m.phase() == ManagedImage.Phase.ATTACHING)
                .orElse(false);
        UnaryOperator<BerthException> undo = e -> unproven ? undoAttach(spec, path, ledger, e) : e;
        try {
            host.start(attachment(spec, path));
        } catch (BerthException e) {
            throw undo.apply(e);
        }
        return new Unproven(step, spec, () -> settle(spec, ledger), undo);
    }

    private static void settle(ImageSpec spec, Ledger ledger) {
        ledger.record(inv -> inv.with(inv.image(spec.name()).orElseThrow().settled()));
    }

    /**
     * Sets the image's new limits and restarts its running units. When they are not healthy with them, the limits
     * Berth applied before are put back (and the units restarted again), so a limit too tight for the service does
     * not leave it failing.
     */
    Unproven limit(Step.Limit step, Ledger ledger) {
        ImageSpec spec = step.spec();
        host.limit(step.attached(), spec.limits());
        return new Unproven(
                step,
                spec,
                () -> ledger.record(
                        inv -> inv.with(inv.image(spec.name()).orElseThrow().withLimits(spec.limits()))),
                e -> putBack(step, e));
    }

    private BerthException putBack(Step.Limit step, BerthException cause) {
        String label = step.spec().label();
        try {
            host.limit(step.attached(), step.from());
            return new BerthException(
                    cause.reason(), cause.getMessage() + "; the limits " + label + " had before were put back", cause);
        } catch (BerthException failed) {
            return new BerthException(
                    cause.reason(),
                    cause.getMessage() + "; putting back the limits " + label + " had before failed too ("
                            + failed.getMessage() + "); the next pass retries",
                    cause);
        }
    }

    private void moveTo(Attachment target, AttachedImage from) {
        if (from.runtime() != target.runtime()) {
            host.detach(from);
            host.attach(target);
        } else {
            host.reattach(target);
        }
    }

    /** What to roll back to: an interrupted upgrade keeps the version it started from. */
    private static ManagedImage.Previous previousOf(ManagedImage current, AttachedImage from) {
        if (current.phase() == ManagedImage.Phase.UPGRADING && current.previous() != null) {
            return current.previous();
        }
        return new ManagedImage.Previous(
                from.version().orElse(current.version()),
                current.sha256(),
                from.imagePath(),
                from.profile().orElse(current.profile()),
                current.matches(),
                from.runtime(),
                current.limits(),
                from.extensions());
    }

    /**
     * What to put back when attaching an owned image that nothing of its name is attached for fails: the version an
     * interrupted upgrade started from, or the attachment Berth had settled on when the manifest now asks for
     * another. Nothing for a first attach, or for the very attachment that is being tried.
     */
    private static ManagedImage.@Nullable Previous fallbackOf(ManagedImage owned, ImageSpec spec) {
        if (owned.phase() == ManagedImage.Phase.UPGRADING) {
            return owned.previous();
        }
        boolean same = owned.version().equals(spec.version())
                && owned.sha256().equals(spec.sha256())
                && owned.profile().equals(spec.profile())
                && owned.matches().equals(spec.matches())
                && owned.runtime() == spec.runtime()
                && owned.limits().equals(spec.limits())
                && owned.extensions().equals(spec.extensionPaths(owned.imagePath()));
        if (owned.phase() != ManagedImage.Phase.ATTACHED || same) {
            return null;
        }
        return new ManagedImage.Previous(
                owned.version(),
                owned.sha256(),
                owned.imagePath(),
                owned.profile(),
                owned.matches(),
                owned.runtime(),
                owned.limits(),
                owned.extensions());
    }

    private BerthException undoAttach(ImageSpec spec, String path, Ledger ledger, BerthException cause) {
        try {
            for (AttachedImage image : host.attached()) {
                if (image.imagePath().equals(path) && image.name().equals(spec.name())) {
                    host.detach(image);
                }
            }
            ledger.record(inv -> inv.withoutImage(spec.name()));
            deleteDownloads(attachment(spec, path), ledger);
            listener.rolledBack(spec.name(), Undone.DETACHED, cause);
            return new ChangeUndone(
                    cause,
                    cause.getMessage() + "; " + spec.label() + " was detached again, the host is as it was",
                    Undone.DETACHED);
        } catch (BerthException undo) {
            return new BerthException(
                    cause.reason(),
                    cause.getMessage() + "; detaching " + spec.label() + " again failed too (" + undo.getMessage()
                            + "); the next pass retries",
                    cause);
        }
    }

    /**
     * Puts {@code previous} back. When the change was refused before it touched anything, the previous attachment
     * is still there exactly as {@code from} was: it is only started, not restarted. When a reattach failed half
     * way, nothing is attached and the old units run on without unit files: they are stopped first, or portabled
     * refuses to attach them again.
     *
     * @param from what was attached before the change; null when nothing was
     */
    private BerthException rollBack(
            ImageSpec spec,
            ManagedImage.Previous previous,
            @Nullable AttachedImage from,
            Ledger ledger,
            BerthException cause) {
        Attachment back = new Attachment(
                previous.imagePath(),
                previous.matches(),
                previous.profile(),
                previous.runtime(),
                spec.enable(),
                spec.start(),
                previous.limits(),
                previous.extensions());
        try {
            Optional<AttachedImage> now = host.attached().stream()
                    .filter(a -> a.name().equals(spec.name()))
                    .findFirst();
            boolean untouched = now.isPresent() && from != null && same(now.get(), from) && is(now.get(), previous);
            if (now.isEmpty()) {
                host.stopOrphanedUnits(back);
                host.attach(back);
            } else if (untouched) {
                host.start(back);
            } else {
                moveTo(back, now.get());
            }
            ledger.record(inv -> inv.with(inv.image(spec.name()).orElseThrow().restored(previous)));
            if (untouched) {
                return new BerthException(
                        cause.reason(),
                        cause.getMessage() + "; nothing was changed: " + spec.name() + " " + previous.version()
                                + " is still attached (profile " + previous.profile() + ")",
                        cause);
            }
            Undone undone = new Undone.RestoredTo(previous.version());
            listener.rolledBack(spec.name(), undone, cause);
            return new ChangeUndone(
                    cause,
                    cause.getMessage() + "; rolled back to " + spec.name() + " " + previous.version() + " (profile "
                            + previous.profile() + ")",
                    undone);
        } catch (BerthException failed) {
            return new BerthException(
                    cause.reason(),
                    cause.getMessage() + "; rolling back to " + spec.name() + " " + previous.version() + " failed too ("
                            + failed.getMessage() + "); the next pass retries",
                    cause);
        }
    }

    /** The same image and extensions, profile, runtime flag and units: the host shows no trace of a change. */
    private static boolean same(AttachedImage now, AttachedImage from) {
        return now.imagePath().equals(from.imagePath())
                && now.extensions().equals(from.extensions())
                && now.profile().equals(from.profile())
                && now.runtime() == from.runtime()
                && new HashSet<>(now.unitNames()).equals(new HashSet<>(from.unitNames()));
    }

    private static boolean is(AttachedImage image, ManagedImage.Previous previous) {
        return image.imagePath().equals(previous.imagePath())
                && image.extensions().equals(previous.extensions())
                && image.profile().orElse(previous.profile()).equals(previous.profile())
                && image.runtime() == previous.runtime();
    }

    /**
     * A first attach that failed leaves no file behind: the image, sidecars and extensions Berth downloaded for it
     * go, except a base another attached image runs on.
     */
    private void deleteDownloads(Attachment failed, Ledger ledger) {
        Set<String> inUse = new HashSet<>();
        for (AttachedImage other : host.attached()) {
            inUse.add(other.imagePath());
            inUse.addAll(other.extensions());
        }
        List<String> candidates = new ArrayList<>(Planner.siblings(failed.imagePath()));
        candidates.addAll(failed.extensions());
        List<String> files = candidates.stream()
                .filter(f -> !inUse.contains(f))
                .filter(f ->
                        ledger.inventory().file(f).map(KnownFile::downloaded).orElse(false))
                .toList();
        for (String file : files) {
            pool.delete(file);
            ledger.record(inv -> inv.withoutFile(file));
        }
    }

    /** With extensions, {@code path} is the base's and the extensions lie next to it in the pool. */
    private static Attachment attachment(ImageSpec spec, String path) {
        return new Attachment(
                path,
                spec.matches(),
                spec.profile(),
                spec.runtime(),
                spec.enable(),
                spec.start(),
                spec.limits(),
                spec.extensionPaths(path));
    }
}

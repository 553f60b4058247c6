package dev.berth.reconciler;

import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Step;
import dev.berth.model.state.KnownFile;
import dev.berth.model.state.ManagedImage;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.port.Attachment;
import dev.berth.reconciler.port.HealthGate;
import dev.berth.reconciler.port.ImagePool;
import dev.berth.reconciler.port.PortableHost;
import dev.berth.reconciler.port.ReconcileListener;
import java.util.List;
import java.util.Optional;

/**
 * Runs attach, upgrade and start steps, each gated on health. A failed first attach is detached again and the
 * files downloaded for it deleted; a failed upgrade is put back on the previous version and profile, so a bad
 * release leaves the host as it was.
 */
final class Attaching {
    private final PortableHost host;
    private final ImagePool pool;
    private final HealthGate health;
    private final ReconcileListener listener;

    Attaching(PortableHost host, ImagePool pool, HealthGate health, ReconcileListener listener) {
        this.host = host;
        this.pool = pool;
        this.health = health;
        this.listener = listener;
    }

    void attach(Step.Attach step, Ledger ledger) {
        ImageSpec spec = step.spec();
        ManagedImage entry = ManagedImage.of(spec, step.imagePath(), ManagedImage.Phase.ATTACHING, null);
        ledger.record(inv -> inv.with(entry));
        try {
            host.attach(attachment(spec, step.imagePath()));
            health.await(spec);
        } catch (BerthException e) {
            throw undoAttach(spec, step.imagePath(), ledger, e);
        }
        ledger.record(inv -> inv.with(entry.settled()));
    }

    void upgrade(Step.Upgrade step, Ledger ledger) {
        ImageSpec spec = step.spec();
        ManagedImage current = ledger.inventory().image(spec.name()).orElseThrow();
        ManagedImage.Previous previous = previousOf(current, step.from());
        ledger.record(inv -> inv.with(ManagedImage.of(spec, step.imagePath(), ManagedImage.Phase.UPGRADING, previous)));
        try {
            moveTo(attachment(spec, step.imagePath()), step.from());
            health.await(spec);
        } catch (BerthException e) {
            throw rollBack(spec, previous, ledger, e);
        }
        ledger.record(inv -> inv.with(inv.image(spec.name()).orElseThrow().settled()));
    }

    void start(Step.Start step, Ledger ledger) {
        ImageSpec spec = step.spec();
        host.start(attachment(spec, step.attached().imagePath()));
        health.await(spec);
        ledger.record(inv -> inv.with(inv.image(spec.name()).orElseThrow().settled()));
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
                from.runtime());
    }

    private BerthException undoAttach(ImageSpec spec, String path, Ledger ledger, BerthException cause) {
        try {
            for (AttachedImage image : host.attached()) {
                if (image.imagePath().equals(path)) {
                    host.detach(image);
                }
            }
            ledger.record(inv -> inv.withoutImage(spec.name()));
            deleteDownloads(path, ledger);
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

    private BerthException rollBack(
            ImageSpec spec, ManagedImage.Previous previous, Ledger ledger, BerthException cause) {
        Attachment back = new Attachment(
                previous.imagePath(),
                previous.matches(),
                previous.profile(),
                previous.runtime(),
                spec.enable(),
                spec.start());
        try {
            Optional<AttachedImage> now = host.attached().stream()
                    .filter(a -> a.name().equals(spec.name()))
                    .findFirst();
            if (now.isPresent()) {
                moveTo(back, now.get());
            } else {
                host.attach(back);
            }
            ledger.record(inv -> inv.with(inv.image(spec.name()).orElseThrow().restored(previous)));
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

    /** A first attach that failed leaves no file behind: the image and sidecars Berth downloaded for it go. */
    private void deleteDownloads(String path, Ledger ledger) {
        List<String> files = Planner.siblings(path).stream()
                .filter(f ->
                        ledger.inventory().file(f).map(KnownFile::downloaded).orElse(false))
                .toList();
        for (String file : files) {
            pool.delete(file);
            ledger.record(inv -> inv.withoutFile(file));
        }
    }

    private static Attachment attachment(ImageSpec spec, String path) {
        return new Attachment(path, spec.matches(), spec.profile(), spec.runtime(), spec.enable(), spec.start());
    }
}

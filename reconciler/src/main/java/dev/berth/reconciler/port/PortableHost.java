package dev.berth.reconciler.port;

import dev.berth.model.Limits;
import dev.berth.model.host.AttachedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * systemd-portabled and systemd, doing what {@code portablectl --enable --now} does around portabled. Every
 * method either completes or throws a {@link dev.berth.model.BerthException} with a stable reason
 * (PortabledUnavailable, AttachRejected, StartFailed, DetachFailed) and a message naming the image.
 *
 * <p>A reattach is refused, with nothing changed, where portabled's own ReattachImage would detach the running
 * version and only then refuse (matches the image's PORTABLE_PREFIXES do not allow), or would silently take over a
 * unit file the host already has.
 */
public interface PortableHost {
    /**
     * The text of Berth's limits drop-in ({@link dev.berth.model.LimitsDropIn#FILE_NAME}) of each unit of
     * {@code images} that has one, by unit, read where the image's runtime flag puts it. A unit without one is not a
     * key.
     */
    Map<String, String> limitDropIns(List<AttachedImage> images);

    /**
     * Make {@code image}'s service units run with {@code limits}: write (or, for none, remove) Berth's drop-in of
     * each, reload systemd, and restart those that run; other units are not touched.
     */
    void limit(AttachedImage image, Limits limits);

    /**
     * Every attached image, grouped by the image its units' RootImage/RootDirectory points at. Read on every pass, so
     * an adapter may leave out what only the health gate looks at: a unit's restart count may read 0 and its result
     * "success" unless the unit failed; {@link #inspect} reads them.
     */
    List<AttachedImage> attached();

    /**
     * The first attached image named {@code name} as {@link #attached} shows it, its units read in full, restart
     * counts and results included: what the health gate watches. Empty when no image of that name is attached.
     */
    default Optional<AttachedImage> inspect(String name) {
        return attached().stream().filter(image -> image.name().equals(name)).findFirst();
    }

    /** The profiles portabled can attach with. */
    Set<String> profiles();

    /**
     * Attach, write the limits drop-ins, reload systemd, then enable and start the units as asked, waiting for the
     * start jobs. Refused when
     * an image of the same name is already attached.
     */
    void attach(Attachment attachment);

    /**
     * Move an attached image of the same name to {@code attachment} (another version, profile or match list):
     * reattach, write the limits drop-ins of the updated units and remove those of units that are gone, reload, stop
     * and disable units that are gone, enable and restart the updated ones.
     */
    void reattach(Attachment attachment);

    /** Enable and start the units of an attached image, waiting for the jobs. */
    void start(Attachment attachment);

    /** Stop the image's units and wait, disable them, detach, remove Berth's limits drop-ins, reload systemd. */
    void detach(AttachedImage image);

    /**
     * Stop the image's units and wait, then remove their state, cache, logs and runtime directories (systemd's
     * CleanUnit with "all"); the image stays attached, so that systemd still knows the directories. Cleaning an image
     * already cleaned changes nothing.
     */
    void clean(AttachedImage image);

    /**
     * Stop, and wait for, the units {@code attachment} would attach that still run although no unit file backs them
     * any more. A reattach that portabled refused half way leaves exactly that (the old unit files removed, nothing
     * attached, the old units still running), and portabled then refuses to attach the image again ("Unit file ...
     * is active already"). Units a unit file backs (the host's own, another image's) and units that show they run
     * from another image are left alone. Returns the units stopped.
     */
    List<String> stopOrphanedUnits(Attachment attachment);
}

package dev.berth.agent.dbus;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.reconciler.port.Attachment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What portabled's ReattachImage does not check before it detaches the version that runs now, checked first, so
 * that a reattach that cannot work is refused with nothing changed. Seen on 252 and 257: matches the image's
 * PORTABLE_PREFIXES do not allow make ReattachImage detach, then refuse, leaving nothing attached and the old units
 * running; and a match that reaches a unit the host already has (dbus.service) makes it copy the image's unit over
 * the host's, which the restart that follows then runs (the host's system bus, in that example).
 */
final class ReattachCheck {
    private final Guarded guarded;
    private final HostObserver observer;
    private final UnitFiles unitFiles;

    ReattachCheck(Guarded guarded, HostObserver observer, UnitFiles unitFiles) {
        this.guarded = guarded;
        this.observer = observer;
        this.unitFiles = unitFiles;
    }

    void require(Attachment a, ImageMetadata image, String action) {
        List<String> disallowed = image.disallowed(a.matches());
        if (!disallowed.isEmpty()) {
            throw new BerthException(
                    Reason.AttachRejected,
                    action + ": the image allows only the unit prefixes " + String.join(", ", image.allowedPrefixes())
                            + " (PORTABLE_PREFIXES in its os-release), not " + String.join(", ", disallowed)
                            + "; portabled would refuse only after detaching what runs now, so it was not asked and"
                            + " nothing was changed; keep matches among the allowed prefixes");
        }
        List<String> taken = guarded.systemd(action, Reason.AttachRejected, () -> {
            Set<String> own = new HashSet<>();
            for (AttachedImage attached : observer.named(a.name())) {
                own.addAll(attached.unitNames());
            }
            List<String> hosts = new ArrayList<>();
            for (String unit : image.units()) {
                if (!own.contains(unit) && unitFiles.exists(unit)) {
                    hosts.add(unit);
                }
            }
            return hosts;
        });
        if (!taken.isEmpty()) {
            throw new BerthException(
                    Reason.AttachRejected,
                    action + ": matches " + String.join(", ", a.matches()) + " take " + String.join(", ", taken)
                            + ", for which the host already has a unit file; portabled's reattach would put the"
                            + " image's unit in its place, so it was not asked and nothing was changed; narrow matches"
                            + " so that they do not reach " + String.join(", ", taken));
        }
    }
}

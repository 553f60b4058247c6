package dev.berth.agent.dbus;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.reconciler.port.Attachment;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt64;

/** The portabled half of each operation, with the checks portabled itself does not make. */
final class Portabled {
    private final Bus bus;
    private final Guarded guarded;
    private final HostObserver observer;
    private final ReattachCheck check;

    Portabled(Bus bus, Guarded guarded, HostObserver observer, UnitFiles unitFiles) {
        this.bus = bus;
        this.guarded = guarded;
        this.observer = observer;
        this.check = new ReattachCheck(guarded, observer, unitFiles);
    }

    Set<String> profiles(String action) {
        return guarded.portabled(
                action,
                Reason.PortabledUnavailable,
                () -> Set.copyOf(Values.strings(bus.properties(PortableManager.BUS_NAME, PortableManager.OBJECT_PATH)
                        .Get(PortableManager.INTERFACE, "Profiles"))));
    }

    /**
     * Attaches; returns the unit files it created. Extensions whose extension-release cannot go with the base are
     * refused first, with the reason, as a reattach must refuse them (portabled's own refusal says only that the
     * metadata does not match).
     */
    List<String> attach(Attachment a, String action) {
        requireKnownProfile(a, action);
        if (!a.extensions().isEmpty()) {
            requireMatchingReleases(metadata(a, action), action);
            return Changes.createdUnitFiles(guarded.portabled(
                    action,
                    Reason.AttachRejected,
                    () -> bus.portabled()
                            .attachImageWithExtensions(
                                    a.imagePath(), a.extensions(), a.matches(), a.profile(), "", flags(a.runtime()))));
        }
        return Changes.createdUnitFiles(guarded.portabled(
                action,
                Reason.AttachRejected,
                () -> bus.portabled().attachImage(a.imagePath(), a.matches(), a.profile(), a.runtime(), "")));
    }

    /**
     * Reattaches; returns (removed, updated). A reattach whose new image cannot be attached leaves nothing attached
     * (seen on 252 and 257: portabled detaches the old version first), and attaching the old version again is then
     * refused while its units still run. So the new image is dissected first, which changes nothing, and what
     * portabled would only find out after detaching is checked ({@link ReattachCheck}); if the reattach fails
     * anyway, the message says what is left.
     */
    Pair<List<Change>, List<Change>> reattach(Attachment a, String action) {
        requireKnownProfile(a, action);
        ImageMetadata metadata = metadata(a, action);
        requireMatchingReleases(metadata, action);
        check.require(a, metadata, action);
        try {
            return guarded.portabled(
                    action,
                    Reason.AttachRejected,
                    () -> a.extensions().isEmpty()
                            ? bus.portabled().reattachImage(a.imagePath(), a.matches(), a.profile(), a.runtime(), "")
                            : bus.portabled()
                                    .reattachImageWithExtensions(
                                            a.imagePath(),
                                            a.extensions(),
                                            a.matches(),
                                            a.profile(),
                                            "",
                                            flags(a.runtime())));
        } catch (BerthException e) {
            if (e.reason() != Reason.AttachRejected) {
                throw e;
            }
            throw new BerthException(e.reason(), e.getMessage() + "; " + leftBehind(a.name()), e.getCause());
        }
    }

    /** Dissects the image (and its extensions) and reads what an attach with these matches would take. */
    ImageMetadata metadata(Attachment a, String action) {
        if (!a.extensions().isEmpty()) {
            return ImageMetadata.of(
                    guarded.portabled(
                            action,
                            Reason.AttachRejected,
                            () -> bus.portabled()
                                    .getImageMetadataWithExtensions(
                                            a.imagePath(), a.extensions(), a.matches(), PortableManager.NO_FLAGS)),
                    a.extensions());
        }
        return ImageMetadata.of(guarded.portabled(
                action, Reason.AttachRejected, () -> bus.portabled().getImageMetadata(a.imagePath(), a.matches())));
    }

    void detach(AttachedImage image, String action) {
        guarded.portabled(
                action,
                Reason.DetachFailed,
                () -> image.extensions().isEmpty()
                        ? bus.portabled().detachImage(image.imagePath(), image.runtime())
                        : bus.portabled()
                                .detachImageWithExtensions(
                                        image.imagePath(), image.extensions(), flags(image.runtime())));
    }

    private static UInt64 flags(boolean runtime) {
        return runtime ? PortableManager.FLAG_RUNTIME : PortableManager.NO_FLAGS;
    }

    /**
     * portabled refuses an extension whose extension-release does not go with the base only after a reattach has
     * detached what ran (seen on 252 and 257), and then says only "extension-release metadata does not match the
     * root's"; so the rule is applied here first, with the reason.
     */
    private static void requireMatchingReleases(ImageMetadata metadata, String action) {
        metadata.releaseMismatch().ifPresent(why -> {
            throw new BerthException(
                    Reason.AttachRejected,
                    action + ": " + why + "; portabled was not asked and nothing was changed; publish an extension"
                            + " built for this base (or ID=_any), or change the base");
        });
    }

    String state(String imagePath) {
        return guarded.portabled(
                "reading the state of " + imagePath,
                Reason.PortabledUnavailable,
                () -> bus.portabled().getImageState(imagePath));
    }

    /**
     * portabled does not refuse a profile it does not know: it attaches the image with no profile drop-in at all,
     * that is without the sandbox the manifest asked for (seen on 252 and 257). So the name is checked here.
     */
    private void requireKnownProfile(Attachment a, String action) {
        Set<String> known = profiles(action);
        if (!known.contains(a.profile())) {
            throw new BerthException(
                    Reason.AttachRejected,
                    action + ": portabled has no profile '" + a.profile() + "' (it has "
                            + String.join(", ", new TreeSet<>(known)) + "); fix the profile in the manifest or add "
                            + "/etc/systemd/portable/profile/" + a.profile() + "/service.conf on the host");
        }
    }

    private String leftBehind(String name) {
        try {
            List<String> paths =
                    observer.named(name).stream().map(AttachedImage::imagePath).toList();
            if (paths.isEmpty()) {
                return "portabled left nothing named " + name + " attached; units that ran stay active without"
                        + " their unit files until stopped, and attaching " + name + " again is refused while they are";
            }
            return name + " is still attached from " + String.join(", ", paths);
        } catch (DBusException | DBusExecutionException | BerthException e) {
            return "what is attached now could not be read (" + e.getMessage() + ")";
        }
    }
}

package dev.berth.agent.dbus;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.ImageFileName;
import dev.berth.model.host.UnitStatus;
import dev.berth.reconciler.port.Attachment;
import dev.berth.reconciler.port.PortableHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt64;

/**
 * The host port over D-Bus: does what {@code portablectl --enable --now attach|reattach|detach} does around
 * systemd-portabled, through org.freedesktop.portable1 and org.freedesktop.systemd1. What is attached is read from
 * systemd, not from portabled, whose image states ignore versions.
 */
public final class DbusPortableHost implements PortableHost, AutoCloseable {
    static final String PORTABLED = "systemd-portabled (org.freedesktop.portable1)";
    static final String SYSTEMD = "systemd (org.freedesktop.systemd1)";
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

    private final Bus bus;
    private final FileRoot files;
    private final UnitReader reader;
    private final UnitJobs jobs;

    /**
     * @param busAddress a D-Bus address such as unix:path=/run/dbus/system_bus_socket; null or empty for the
     *     system bus
     * @param fileRoot where the host's files are seen: "/" on the host, /proc/PID/root for a container
     */
    public DbusPortableHost(String busAddress, Path fileRoot) {
        this.bus = new Bus(busAddress);
        this.files = new FileRoot(fileRoot);
        this.reader = new UnitReader(bus, files);
        this.jobs = new UnitJobs(bus, JOB_TIMEOUT);
    }

    /** The host's own system bus and file system. */
    public DbusPortableHost() {
        this(null, Path.of("/"));
    }

    @Override
    public List<AttachedImage> attached() {
        return systemd("reading the attached portable images", Reason.PortabledUnavailable, this::observe);
    }

    @Override
    public Set<String> profiles() {
        return profiles("reading the portable profiles");
    }

    private Set<String> profiles(String action) {
        return portabled(action, Reason.PortabledUnavailable, () -> {
            Object value = bus.properties(PortableManager.BUS_NAME, PortableManager.OBJECT_PATH)
                    .Get(PortableManager.INTERFACE, "Profiles");
            return Set.copyOf(Values.strings(value));
        });
    }

    @Override
    public void attach(Attachment a) {
        String action = "attaching " + a.imagePath();
        requireKnownProfile(a, action);
        List<String> unitFiles = Changes.createdUnitFiles(portabled(
                action,
                Reason.AttachRejected,
                () -> bus.portabled().attachImage(a.imagePath(), a.matches(), a.profile(), a.runtime(), "")));
        systemd(action, Reason.StartFailed, () -> {
            settle(a, Changes.unitNames(unitFiles), List.of());
            if (a.start()) {
                StartSet set = StartSet.of(statuses(unitFiles));
                jobs.run(UnitJobs.all(UnitJobs.Verb.START, set.start()), Reason.StartFailed, action);
            }
            return null;
        });
    }

    @Override
    public void reattach(Attachment a) {
        String action = "reattaching " + a.imagePath();
        requireKnownProfile(a, action);
        Pair<List<Change>, List<Change>> result = reattachOrExplain(a, action);
        List<String> updatedFiles = Changes.createdUnitFiles(result.second());
        List<String> updated = Changes.unitNames(updatedFiles);
        List<String> gone = new ArrayList<>(Changes.unitNames(Changes.removedUnitFiles(result.first())));
        gone.removeAll(updated);
        systemd(action, Reason.StartFailed, () -> {
            settle(a, updated, gone);
            jobs.stop(gone, Reason.StartFailed, action);
            if (a.start()) {
                List<UnitStatus> statuses = statuses(updatedFiles);
                List<UnitJobs.Job> restarts = new ArrayList<>();
                restarts.addAll(UnitJobs.all(UnitJobs.Verb.RESTART, StartSet.restartable(statuses)));
                restarts.addAll(UnitJobs.all(
                        UnitJobs.Verb.TRY_RESTART, StartSet.of(statuses).onDemand()));
                jobs.run(restarts, Reason.StartFailed, action);
            }
            return null;
        });
    }

    @Override
    public void start(Attachment a) {
        String action = "starting " + a.imagePath();
        systemd(action, Reason.StartFailed, () -> {
            AttachedImage image = attachedAt(a.imagePath())
                    .orElseThrow(() ->
                            new BerthException(Reason.StartFailed, action + ": it is not attached; attach it first"));
            if (a.enable()) {
                enable(image.unitNames(), a.runtime());
            }
            if (a.start()) {
                StartSet set = StartSet.of(image.units());
                jobs.run(UnitJobs.all(UnitJobs.Verb.START, set.start()), Reason.StartFailed, action);
            }
            return null;
        });
    }

    @Override
    public void detach(AttachedImage image) {
        String action = "detaching " + image.imagePath();
        systemd(action, Reason.DetachFailed, () -> {
            jobs.stop(running(image), Reason.DetachFailed, action);
            bus.systemd().disableUnitFilesWithFlags(image.unitNames(), flags(image.runtime()));
            return null;
        });
        portabled(action, Reason.DetachFailed, () -> bus.portabled().detachImage(image.imagePath(), image.runtime()));
        systemd(action, Reason.DetachFailed, () -> {
            bus.systemd().reload();
            return null;
        });
    }

    /** portabled's own state for an image (which ignores versions): to check the derived state against it. */
    String portabledState(String imagePath) {
        return portabled(
                "reading the state of " + imagePath,
                Reason.PortabledUnavailable,
                () -> bus.portabled().getImageState(imagePath));
    }

    /** D-Bus calls made to read units so far (to measure what an observation costs). */
    int readCalls() {
        return reader.calls();
    }

    @Override
    public void close() {
        bus.close();
    }

    private List<AttachedImage> observe() throws DBusException {
        bus.connection(); // with nothing attached no call is needed, but an unreachable bus must still show
        try {
            return Grouping.group(reader.attached(), files::profile);
        } catch (IOException e) {
            throw new BerthException(
                    Reason.PortabledUnavailable,
                    "reading the attached portable images: cannot list " + UnitProps.ATTACHED_DIR + " or "
                            + UnitProps.RUNTIME_ATTACHED_DIR + " (" + e.getMessage() + "); Berth must run as root",
                    e);
        }
    }

    private Optional<AttachedImage> attachedAt(String path) throws DBusException {
        return observe().stream().filter(i -> i.imagePath().equals(path)).findFirst();
    }

    /**
     * The unit file changes that belong with an attach or reattach: disable what went away, enable what came (before
     * the reload, so that PID 1 learns the new wants at once), then reload PID 1.
     */
    private void settle(Attachment a, List<String> units, List<String> gone) throws DBusException {
        if (!gone.isEmpty()) {
            bus.systemd().disableUnitFilesWithFlags(gone, flags(a.runtime()));
        }
        if (a.enable() && !units.isEmpty()) {
            enable(units, a.runtime());
        }
        bus.systemd().reload();
    }

    private void enable(List<String> units, boolean runtime) throws DBusException {
        bus.systemd().enableUnitFilesWithFlags(units, flags(runtime));
    }

    private List<UnitStatus> statuses(List<String> unitFiles) throws DBusException {
        return Grouping.statuses(reader.read(unitFiles));
    }

    /** The units to stop before a detach, with the running instances of templates. */
    private List<String> running(AttachedImage image) throws DBusException {
        Set<String> units = new LinkedHashSet<>();
        for (UnitStatus unit : image.units()) {
            if (!unit.isTemplate()) {
                units.add(unit.name());
            }
        }
        units.addAll(reader.activeInstances(image.unitNames()));
        return List.copyOf(units);
    }

    /**
     * A reattach whose new image cannot be attached can leave nothing attached at all (systemd 252 detaches the old
     * version first), and an attach of the old version is then refused while its units still run. So the new image
     * is dissected first, which changes nothing; if the reattach fails anyway, the message says what is left.
     */
    private Pair<List<Change>, List<Change>> reattachOrExplain(Attachment a, String action) {
        portabled(action, Reason.AttachRejected, () -> bus.portabled().getImageMetadata(a.imagePath(), a.matches()));
        try {
            return portabled(
                    action,
                    Reason.AttachRejected,
                    () -> bus.portabled().reattachImage(a.imagePath(), a.matches(), a.profile(), a.runtime(), ""));
        } catch (BerthException e) {
            if (e.reason() != Reason.AttachRejected) {
                throw e;
            }
            throw new BerthException(e.reason(), e.getMessage() + "; " + leftBehind(a.imagePath()), e.getCause());
        }
    }

    private String leftBehind(String imagePath) {
        String name = ImageFileName.of(imagePath).name();
        try {
            List<AttachedImage> same =
                    observe().stream().filter(i -> i.name().equals(name)).toList();
            if (same.isEmpty()) {
                return "portabled left nothing named " + name + " attached";
            }
            return name + " is still attached from "
                    + String.join(
                            ", ", same.stream().map(AttachedImage::imagePath).toList());
        } catch (DBusException | DBusExecutionException | BerthException e) {
            return "what is attached now could not be read (" + e.getMessage() + ")";
        }
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

    private static UInt64 flags(boolean runtime) {
        return new UInt64(SystemdManager.PORTABLE | (runtime ? SystemdManager.RUNTIME : 0));
    }

    private <T> T portabled(String action, Reason refused, BusCall<T> call) {
        return translated(PORTABLED, PortableManager.BUS_NAME, action, refused, call);
    }

    private <T> T systemd(String action, Reason refused, BusCall<T> call) {
        return translated(SYSTEMD, SystemdManager.BUS_NAME, action, refused, call);
    }

    private <T> T translated(String service, String busName, String action, Reason refused, BusCall<T> call) {
        try {
            return call.call();
        } catch (DBusException | DBusExecutionException e) {
            throw BusErrors.translate(e, service, gone(e, busName), refused, action, bus.describe());
        }
    }

    /** After a refusal-looking error, whether the service has vanished (its activation failed) after all. */
    private boolean gone(Exception e, String busName) {
        if (BusErrors.unavailable(e)) {
            return true;
        }
        try {
            return !bus.hasOwner(busName);
        } catch (DBusException | DBusExecutionException unreachable) {
            return true;
        }
    }
}

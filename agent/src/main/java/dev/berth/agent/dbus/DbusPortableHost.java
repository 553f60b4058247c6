package dev.berth.agent.dbus;

import dev.berth.model.BerthException;
import dev.berth.model.Limits;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.UnitStatus;
import dev.berth.reconciler.port.Attachment;
import dev.berth.reconciler.port.PortableHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The host port over D-Bus: does what {@code portablectl --enable --now attach|reattach|detach} does around
 * systemd-portabled, through org.freedesktop.portable1 and org.freedesktop.systemd1. What is attached is read from
 * the attached unit files and systemd, not from portabled, whose image states ignore versions.
 */
public final class DbusPortableHost implements PortableHost, AutoCloseable {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

    private final Bus bus;
    private final Guarded guarded;
    private final UnitReader reader;
    private final HostObserver observer;
    private final UnitFiles unitFiles;
    private final UnitJobs jobs;
    private final Portabled portabled;
    private final Orphans orphans;
    private final FileRoot files;
    private final LimitDropIns limits;
    private final UnitCleaner cleaner;

    /**
     * @param busAddress a D-Bus address such as unix:path=/run/dbus/system_bus_socket; null or empty for the
     *     system bus
     * @param fileRoot where the host's files are seen: "/" on the host, /proc/PID/root for a container
     */
    public DbusPortableHost(@Nullable String busAddress, Path fileRoot) {
        this.files = new FileRoot(fileRoot);
        this.bus = new Bus(busAddress);
        this.guarded = new Guarded(bus);
        this.reader = new UnitReader(bus, files);
        this.observer = new HostObserver(bus, files, reader);
        this.unitFiles = new UnitFiles(bus, reader);
        this.jobs = new UnitJobs(bus, JOB_TIMEOUT);
        this.portabled = new Portabled(bus, guarded, observer, unitFiles);
        this.orphans = new Orphans(bus, unitFiles);
        this.limits = new LimitDropIns(files);
        this.cleaner = new UnitCleaner(bus, JOB_TIMEOUT);
    }

    /** The host's own system bus and file system. */
    public DbusPortableHost() {
        this(null, Path.of("/"));
    }

    @Override
    public List<AttachedImage> attached() {
        return guarded.systemd("reading the attached portable images", Reason.PortabledUnavailable, observer::observe);
    }

    /** The cheap observation of every pass, then a GetAll for each unit of that image alone. */
    @Override
    public Optional<AttachedImage> inspect(String name) {
        return guarded.systemd(
                "reading the units of the attached image " + name,
                Reason.PortabledUnavailable,
                () -> observer.inspect(name));
    }

    /** Read from the profile directories, as portabled reads them: see {@link FileRoot#profiles()}. */
    @Override
    public Set<String> profiles() {
        return files.profiles();
    }

    @Override
    public Map<String, String> limitDropIns(List<AttachedImage> images) {
        return limits.read(images);
    }

    /** The drop-ins, a reload, and a try-restart of the image's services and running template instances. */
    @Override
    public void limit(AttachedImage image, Limits set) {
        String action = "setting the limits of " + image.imagePath();
        limits.write(image.name(), image.unitNames(), image.runtime(), set, action);
        guarded.systemd(action, Reason.StartFailed, () -> {
            unitFiles.reload();
            List<String> services = new ArrayList<>(image.units().stream()
                    .filter(u -> u.isService() && !u.isTemplate())
                    .map(UnitStatus::name)
                    .toList());
            services.addAll(unitFiles.toStop(image).stream()
                    .filter(u -> u.contains("@") && !services.contains(u))
                    .toList());
            jobs.run(UnitJobs.all(UnitJobs.Verb.TRY_RESTART, services), Reason.StartFailed, action);
        });
    }

    @Override
    public void attach(Attachment a) {
        String action = "attaching " + a.describe();
        List<String> created = portabled.attach(a, action);
        limits.write(a.name(), Changes.unitNames(created), a.runtime(), a.limits(), action);
        guarded.systemd(action, Reason.StartFailed, () -> {
            unitFiles.settle(Changes.unitNames(created), List.of(), a.enable(), a.runtime());
            if (a.start()) {
                List<String> start = StartSet.of(unitFiles.statuses(created)).start();
                jobs.run(UnitJobs.all(UnitJobs.Verb.START, start), Reason.StartFailed, action);
            }
        });
    }

    @Override
    public void reattach(Attachment a) {
        String action = "reattaching " + a.describe();
        Pair<List<Change>, List<Change>> result = portabled.reattach(a, action);
        List<String> files = Changes.createdUnitFiles(result.second());
        List<String> updated = Changes.unitNames(files);
        List<String> gone = new ArrayList<>(Changes.unitNames(Changes.removedUnitFiles(result.first())));
        gone.removeAll(updated);
        limits.remove(a.name(), gone, action);
        limits.write(a.name(), updated, a.runtime(), a.limits(), action);
        guarded.systemd(action, Reason.StartFailed, () -> {
            unitFiles.settle(updated, gone, a.enable(), a.runtime());
            jobs.stop(gone, Reason.StartFailed, action);
            if (a.start()) {
                List<UnitStatus> statuses = unitFiles.statuses(files);
                List<UnitJobs.Job> restarts = new ArrayList<>();
                restarts.addAll(UnitJobs.all(UnitJobs.Verb.RESTART, StartSet.restartable(statuses)));
                restarts.addAll(UnitJobs.all(
                        UnitJobs.Verb.TRY_RESTART, StartSet.of(statuses).onDemand()));
                jobs.run(restarts, Reason.StartFailed, action);
            }
        });
    }

    @Override
    public void start(Attachment a) {
        String action = "starting " + a.describe();
        guarded.systemd(action, Reason.StartFailed, () -> {
            AttachedImage image = observer.observe().stream()
                    .filter(i -> i.imagePath().equals(a.imagePath())
                            && i.extensions().equals(a.extensions()))
                    .findFirst()
                    .orElseThrow(() ->
                            new BerthException(Reason.StartFailed, action + ": it is not attached; attach it first"));
            if (a.enable()) {
                unitFiles.enable(image.unitNames(), image.runtime());
            }
            if (a.start()) {
                List<String> start = StartSet.of(image.units()).start();
                jobs.run(UnitJobs.all(UnitJobs.Verb.START, start), Reason.StartFailed, action);
            }
        });
    }

    @Override
    public void detach(AttachedImage image) {
        String action = "detaching " + image.imagePath()
                + (image.extensions().isEmpty() ? "" : " with " + String.join(", ", image.extensions()));
        guarded.systemd(action, Reason.DetachFailed, () -> {
            jobs.stop(unitFiles.toStop(image), Reason.DetachFailed, action);
            unitFiles.disable(image.unitNames(), image.runtime());
        });
        portabled.detach(image, action);
        limits.remove(image.name(), image.unitNames(), action);
        guarded.systemd(action, Reason.DetachFailed, () -> {
            unitFiles.reload();
        });
    }

    @Override
    public void clean(AttachedImage image) {
        String action = "removing the state, cache, logs and runtime directories of " + image.imagePath();
        guarded.systemd(action, Reason.DetachFailed, () -> {
            List<String> units = unitFiles.toStop(image);
            jobs.stop(units, Reason.DetachFailed, action);
            cleaner.clean(units, action);
        });
    }

    /** The image's units are named by portabled (GetImageMetadata), the way an attach would take them. */
    @Override
    public List<String> stopOrphanedUnits(Attachment a) {
        String name = a.name();
        String action = "stopping the units of " + name + " left running without unit files, to attach " + a.describe();
        List<String> units = portabled.metadata(a, action).units();
        return guarded.systemd(action, Reason.DetachFailed, () -> {
            List<String> stopped = orphans.among(name, units);
            jobs.stop(stopped, Reason.DetachFailed, action);
            return stopped;
        });
    }

    @Override
    public void close() {
        bus.close();
    }

    /** portabled's own state for an image (which ignores versions): to check the derived state against it. */
    String portabledState(String imagePath) {
        return portabled.state(imagePath);
    }

    /** D-Bus calls made to read units so far (to measure what an observation costs). */
    int readCalls() {
        return reader.calls();
    }
}

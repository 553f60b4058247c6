package dev.berth.agent.dbus;

import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.UnitStatus;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt64;

/** Enabling, disabling and reloading, as portablectl does it: the PORTABLE flag keeps the links beside the units. */
final class UnitFiles {
    private final Bus bus;
    private final UnitReader reader;

    UnitFiles(Bus bus, UnitReader reader) {
        this.bus = bus;
        this.reader = reader;
    }

    /**
     * What goes with an attach or reattach: disable what went away, enable what came (before the reload, so that
     * PID 1 learns the new wants at once), then reload PID 1.
     */
    void settle(List<String> units, List<String> gone, boolean enable, boolean runtime) throws DBusException {
        if (!gone.isEmpty()) {
            disable(gone, runtime);
        }
        if (enable && !units.isEmpty()) {
            enable(units, runtime);
        }
        bus.systemd().reload();
    }

    void enable(List<String> units, boolean runtime) throws DBusException {
        bus.systemd().enableUnitFilesWithFlags(units, flags(runtime));
    }

    void disable(List<String> units, boolean runtime) throws DBusException {
        bus.systemd().disableUnitFilesWithFlags(units, flags(runtime));
    }

    void reload() throws DBusException {
        bus.systemd().reload();
    }

    /** The statuses of freshly attached units, read after the reload (reading a unit also loads it). */
    List<UnitStatus> statuses(List<String> unitFiles) throws DBusException {
        return Grouping.statuses(reader.read(unitFiles));
    }

    /** The units to stop before a detach, with the running instances of templates. */
    List<String> toStop(AttachedImage image) throws DBusException {
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
     * Whether a unit file of this name exists anywhere systemd looks (the host's own, an attached one, a masking
     * link): asked on disk, so a unit still loaded after its file went away has none.
     */
    boolean exists(String unit) throws DBusException {
        try {
            bus.systemd().getUnitFileState(unit);
            return true;
        } catch (DBusExecutionException e) {
            if (BusErrors.unavailable(e)) {
                throw e;
            }
            return false;
        }
    }

    private static UInt64 flags(boolean runtime) {
        return new UInt64(SystemdManager.PORTABLE | (runtime ? SystemdManager.RUNTIME : 0));
    }
}

package dev.berth.agent.dbus;

import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;

/** The methods and the one signal of org.freedesktop.systemd1.Manager the agent uses. */
@DBusInterfaceName("org.freedesktop.systemd1.Manager")
public interface SystemdManager extends DBusInterface {
    String BUS_NAME = "org.freedesktop.systemd1";
    String OBJECT_PATH = "/org/freedesktop/systemd1";

    /** Unit file flags: RUNTIME puts symlinks under /run, PORTABLE next to the attached units. */
    long RUNTIME = 1L;

    long PORTABLE = 1L << 2;

    @DBusMemberName("Subscribe")
    void subscribe();

    @DBusMemberName("Reload")
    void reload();

    @DBusMemberName("ListUnitsByPatterns")
    List<LoadedUnit> listUnitsByPatterns(List<String> states, List<String> patterns);

    @DBusMemberName("ListUnitsByNames")
    List<LoadedUnit> listUnitsByNames(List<String> names);

    /** The state of a unit file (enabled, static, masked...); an error when no unit file of that name exists. */
    @DBusMemberName("GetUnitFileState")
    String getUnitFileState(String file);

    @DBusMemberName("StartUnit")
    DBusPath startUnit(String name, String mode);

    @DBusMemberName("StopUnit")
    DBusPath stopUnit(String name, String mode);

    @DBusMemberName("RestartUnit")
    DBusPath restartUnit(String name, String mode);

    @DBusMemberName("TryRestartUnit")
    DBusPath tryRestartUnit(String name, String mode);

    @DBusMemberName("ResetFailedUnit")
    void resetFailedUnit(String name);

    /** Removes the unit's directories of the given kinds ("all": runtime, state, cache, logs, configuration). */
    @DBusMemberName("CleanUnit")
    void cleanUnit(String name, List<String> mask);

    @DBusMemberName("EnableUnitFilesWithFlags")
    Pair<Boolean, List<Change>> enableUnitFilesWithFlags(List<String> files, UInt64 flags);

    @DBusMemberName("DisableUnitFilesWithFlags")
    List<Change> disableUnitFilesWithFlags(List<String> files, UInt64 flags);

    /** Sent for every finished job, but only to clients that called Subscribe. */
    class JobRemoved extends DBusSignal {
        private final String job;
        private final String unit;
        private final String result;

        public JobRemoved(String objectPath, UInt32 id, DBusPath job, String unit, String result) throws DBusException {
            super(objectPath, id, job, unit, result);
            this.job = job.getPath();
            this.unit = unit;
            this.result = result;
        }

        String job() {
            return job;
        }

        String unit() {
            return unit;
        }

        String result() {
            return result;
        }
    }
}

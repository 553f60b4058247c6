package dev.berth.agent.dbus;

import dev.berth.model.Reason;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * Runs D-Bus calls and translates what dbus-java throws into BerthExceptions, telling a refusal from a service
 * that is not there. dbus-java 5.2 drops the error names it has no class for ("org.freedesktop.systemd1.UnitMasked"
 * arrives as a bare message), so after such an error the bus is asked whether the service still has an owner.
 */
final class Guarded {
    static final String PORTABLED = "systemd-portabled (org.freedesktop.portable1)";
    static final String SYSTEMD = "systemd (org.freedesktop.systemd1)";

    /** Calls that answer nothing. */
    @FunctionalInterface
    interface Step {
        void run() throws DBusException;
    }

    private final Bus bus;

    Guarded(Bus bus) {
        this.bus = bus;
    }

    /** Calls to portabled; {@code refused} is the reason when portabled answers with an error. */
    <T> T portabled(String action, Reason refused, BusCall<T> call) {
        return run(PORTABLED, PortableManager.BUS_NAME, action, refused, call);
    }

    /** Calls to systemd (and reads of the attached files that go with them). */
    <T> T systemd(String action, Reason refused, BusCall<T> call) {
        return run(SYSTEMD, SystemdManager.BUS_NAME, action, refused, call);
    }

    /** Calls to systemd that answer nothing. */
    void systemd(String action, Reason refused, Step step) {
        run(SYSTEMD, SystemdManager.BUS_NAME, action, refused, () -> {
            step.run();
            return Boolean.TRUE;
        });
    }

    private <T> T run(String service, String busName, String action, Reason refused, BusCall<T> call) {
        try {
            return call.call();
        } catch (DBusException | DBusExecutionException e) {
            throw BusErrors.translate(e, service, gone(e, busName), refused, action, bus.describe());
        }
    }

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

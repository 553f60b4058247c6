package dev.berth.agent.dbus;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.util.Set;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.exceptions.NotConnected;

/**
 * Turns dbus-java's exceptions into BerthExceptions at the boundary. A service that is missing, cannot be
 * activated or does not answer is PortabledUnavailable (worth retrying); anything the daemon said itself is a
 * refusal with the reason the caller gives, and keeps the daemon's own words.
 */
final class BusErrors {
    static final String INSTALL_HINT =
            "install and start systemd-portabled (Debian package systemd-container) and run Berth as root";

    private static final String DBUS_ERROR = "org.freedesktop.DBus.Error.";
    private static final Set<String> UNAVAILABLE = Set.of(
            DBUS_ERROR + "ServiceUnknown",
            DBUS_ERROR + "NameHasNoOwner",
            DBUS_ERROR + "NoReply",
            DBUS_ERROR + "Timeout",
            DBUS_ERROR + "TimedOut",
            DBUS_ERROR + "Disconnected",
            DBUS_ERROR + "NoServer",
            DBUS_ERROR + "AccessDenied",
            DBUS_ERROR + "InteractiveAuthorizationRequired",
            "org.freedesktop.systemd1.UnitMasked");

    private BusErrors() {}

    /**
     * @param service the well-known name that was called, for the message
     * @param refused the reason when the daemon refused
     * @param action what was being done, naming the image, e.g. "attaching /var/lib/portables/hello_1.raw"
     */
    static BerthException translate(Exception e, String service, Reason refused, String action, Bus bus) {
        if (e instanceof BerthException) {
            return (BerthException) e;
        }
        String name = errorName(e);
        String detail = detail(e);
        if (e instanceof DBusException || e instanceof NotConnected) {
            return new BerthException(
                    Reason.PortabledUnavailable,
                    action + ": cannot reach " + bus.describe() + " (" + detail + "); " + INSTALL_HINT,
                    e);
        }
        if (UNAVAILABLE.contains(name) || name.startsWith(DBUS_ERROR + "Spawn.")) {
            return new BerthException(
                    Reason.PortabledUnavailable,
                    action + ": " + service + " is not available on " + bus.describe() + " (" + shortName(name) + ": "
                            + detail + "); " + INSTALL_HINT,
                    e);
        }
        return new BerthException(refused, action + ": " + service + " refused: " + detail, e);
    }

    /** The D-Bus error name, also for the errors dbus-java maps to its own classes. */
    static String errorName(Exception e) {
        if (e instanceof DBusExecutionException) {
            String type = ((DBusExecutionException) e).getType();
            if (type != null && !type.isEmpty()) {
                return type;
            }
            if (e.getClass().getPackageName().equals("org.freedesktop.dbus.errors")) {
                return DBUS_ERROR + e.getClass().getSimpleName();
            }
        }
        return "";
    }

    private static String shortName(String name) {
        return name.startsWith(DBUS_ERROR) ? name.substring(DBUS_ERROR.length()) : name;
    }

    private static String detail(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            return detail(cause);
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}

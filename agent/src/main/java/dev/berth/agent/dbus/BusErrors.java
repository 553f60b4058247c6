package dev.berth.agent.dbus;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.util.Set;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.NotConnected;

/**
 * Turns dbus-java's exceptions into BerthExceptions at the boundary. A bus that cannot be reached, or a service
 * that is missing, cannot be activated or does not answer, is PortabledUnavailable (worth retrying); anything the
 * daemon said itself is a refusal with the reason the caller gives, in the daemon's own words.
 */
final class BusErrors {
    static final String INSTALL_HINT =
            "install and start systemd-portabled (Debian package systemd-container) and run Berth as root";

    /** The standard errors dbus-java maps to its own classes (org.freedesktop.dbus.errors) that mean "not there". */
    private static final Set<String> UNAVAILABLE =
            Set.of("ServiceUnknown", "NoReply", "Timeout", "AccessDenied", "UnknownObject", "UnknownMethod");

    private BusErrors() {}

    /** Whether an exception says the bus or the service is not usable, rather than that the service refused. */
    static boolean unavailable(Exception e) {
        if (e instanceof DBusException || e instanceof NotConnected) {
            return true;
        }
        return e.getClass().getPackageName().equals("org.freedesktop.dbus.errors")
                && UNAVAILABLE.contains(e.getClass().getSimpleName());
    }

    /**
     * @param service the service that was called, for the message, e.g. "systemd-portabled (org.freedesktop.portable1)"
     * @param serviceGone whether the service has no owner on the bus after the error (a failed activation)
     * @param refused the reason when the daemon refused
     * @param action what was being done, naming the image, e.g. "attaching /var/lib/portables/hello_1.raw"
     */
    static BerthException translate(
            Exception e, String service, boolean serviceGone, Reason refused, String action, String bus) {
        String detail = detail(e);
        if (e instanceof DBusException || e instanceof NotConnected) {
            return new BerthException(
                    Reason.PortabledUnavailable,
                    action + ": cannot reach " + bus + " (" + detail + "); " + INSTALL_HINT,
                    e);
        }
        if (unavailable(e) || serviceGone) {
            return new BerthException(
                    Reason.PortabledUnavailable,
                    action + ": " + service + " is not available on " + bus + " (" + detail + "); " + INSTALL_HINT,
                    e);
        }
        return new BerthException(refused, action + ": " + service + " refused: " + detail, e);
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

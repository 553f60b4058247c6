package dev.berth.agent.dbus;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import java.io.IOException;
import java.util.List;
import org.freedesktop.dbus.exceptions.DBusException;

/** Reads what is attached: the attached directories, one GetAll per unit, grouped by image. */
final class HostObserver {
    private final Bus bus;
    private final FileRoot files;
    private final UnitReader reader;

    HostObserver(Bus bus, FileRoot files, UnitReader reader) {
        this.bus = bus;
        this.files = files;
        this.reader = reader;
    }

    List<AttachedImage> observe() throws DBusException {
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

    List<AttachedImage> named(String name) throws DBusException {
        return observe().stream().filter(i -> i.name().equals(name)).toList();
    }
}

package dev.berth.agent.dbus;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.freedesktop.dbus.exceptions.DBusException;

/**
 * Reads what is attached, grouped by image: cheaply for a pass ({@link UnitScan}), and in full for the units of one
 * image when the health gate watches it ({@link UnitReader}).
 */
final class HostObserver {
    private final Bus bus;
    private final FileRoot files;
    private final UnitReader reader;
    private final UnitScan scan;

    HostObserver(Bus bus, FileRoot files, UnitReader reader) {
        this.bus = bus;
        this.files = files;
        this.reader = reader;
        this.scan = new UnitScan(bus, files, reader);
    }

    List<AttachedImage> observe() throws DBusException {
        bus.connection(); // with nothing attached no call is needed, but an unreachable bus must still show
        try {
            return Grouping.group(scan.attached(), files::profile);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The first attached image named {@code name}, its units read in full (restart counts and results). */
    Optional<AttachedImage> inspect(String name) throws DBusException {
        bus.connection();
        try {
            List<UnitProps> units = scan.attached();
            Optional<AttachedImage> cheap = Grouping.group(units, files::profile).stream()
                    .filter(i -> i.name().equals(name))
                    .findFirst();
            if (cheap.isEmpty()) {
                return cheap;
            }
            List<String> unitFiles = units.stream()
                    .filter(u -> cheap.get().unitNames().contains(u.name()))
                    .map(UnitProps::file)
                    .toList();
            return Grouping.group(reader.read(unitFiles), files::profile).stream()
                    .filter(i -> i.name().equals(name))
                    .findFirst();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static BerthException unreadable(IOException e) {
        return new BerthException(
                Reason.PortabledUnavailable,
                "reading the attached portable images: cannot list " + UnitProps.ATTACHED_DIR + " or "
                        + UnitProps.RUNTIME_ATTACHED_DIR + " (" + e.getMessage() + "); Berth must run as root",
                e);
    }

    List<AttachedImage> named(String name) throws DBusException {
        return observe().stream().filter(i -> i.name().equals(name)).toList();
    }
}

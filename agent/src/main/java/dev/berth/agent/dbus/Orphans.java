package dev.berth.agent.dbus;

import dev.berth.model.host.ImageFileName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.Variant;

/**
 * Finds the units of an image that still run although no unit file backs them. portabled's ReattachImage detaches
 * the old version before it attaches the new one; when the attach half fails, the old unit files are gone, nothing
 * is attached, and the old units run on (seen on 252 and 257), which makes portabled refuse to attach them again.
 * Until PID 1 is reloaded such a unit still names its RootImage; after a reload it is "not-found" and names nothing,
 * so a unit is left alone only when it shows it runs from another image.
 */
final class Orphans {
    private final Bus bus;
    private final UnitFiles unitFiles;

    Orphans(Bus bus, UnitFiles unitFiles) {
        this.bus = bus;
        this.unitFiles = unitFiles;
    }

    /**
     * @param image the image name (without version) the units belong to
     * @param units unit names as the image ships them, templates included
     */
    List<String> among(String image, Collection<String> units) throws DBusException {
        List<String> names = units.stream().filter(u -> !u.contains("@.")).toList();
        List<String> patterns = units.stream()
                .filter(u -> u.contains("@."))
                .map(u -> u.replace("@.", "@*."))
                .toList();
        List<LoadedUnit> loaded = new ArrayList<>();
        if (!names.isEmpty()) {
            loaded.addAll(bus.systemd().listUnitsByNames(names));
        }
        if (!patterns.isEmpty()) {
            loaded.addAll(bus.systemd().listUnitsByPatterns(List.of(), patterns));
        }
        List<String> orphans = new ArrayList<>();
        for (LoadedUnit unit : loaded) {
            if (running(unit) && !unitFiles.exists(unit.name()) && !fromAnotherImage(unit.name(), image)) {
                orphans.add(unit.name());
            }
        }
        return orphans;
    }

    /** portabled's rule for refusing an attach (unit_file_is_active): anything but inactive or failed. */
    private static boolean running(LoadedUnit unit) {
        return !unit.activeState().equals("inactive") && !unit.activeState().equals("failed");
    }

    private boolean fromAnotherImage(String unit, String image) throws DBusException {
        Map<String, Variant<?>> all = bus.properties(SystemdManager.BUS_NAME, UnitReader.objectPath(unit))
                .GetAll("");
        String root = UnitReader.string(all, "RootImage");
        if (root.isEmpty()) {
            root = UnitReader.string(all, "RootDirectory");
        }
        List<String> extensions = UnitReader.extensionImages(all);
        if (!extensions.isEmpty()) {
            root = extensions.get(extensions.size() - 1); // an image with extensions goes by its last one's name
        }
        return !root.isEmpty() && !ImageFileName.of(root).name().equals(image);
    }
}

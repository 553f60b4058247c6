package dev.berth.agent.dbus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.freedesktop.dbus.exceptions.DBusException;
import org.jspecify.annotations.Nullable;

/**
 * Reads attached units cheaply, for every pass: the unit files and what portabled wrote into their 20-portable.conf
 * (the image), the .wants links (enabled), and one ListUnitsByNames for the states of all of them. A few small
 * property reads are added only where they say something: the Result of a failed unit, the Triggers of a socket,
 * timer or path, and the UnitFileState of the units of an image of which nothing runs (running wins over enabled).
 * Restart counts are not read: only the health gate needs them, and it reads the units in full ({@link
 * UnitReader}). A unit answers GetAll with about 450 properties on systemd 257, which is what this avoids.
 */
final class UnitScan {
    private static final String UNIT = "org.freedesktop.systemd1.Unit";
    /** What systemd's unit_name_is_valid takes; ListUnitsByNames refuses the whole call for one name outside it. */
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9:_.\\\\-]+(@[A-Za-z0-9:_.\\\\-]*)?\\.[a-z]+");

    private final Bus bus;
    private final FileRoot files;
    private final UnitReader reader;

    UnitScan(Bus bus, FileRoot files, UnitReader reader) {
        this.bus = bus;
        this.files = files;
        this.reader = reader;
    }

    /** Every unit file portabled attached, with what the pass needs of it. */
    List<UnitProps> attached() throws DBusException, IOException {
        Map<String, PortableDropIn> dropIns = files.attachedDropIns();
        Set<String> wanted = files.wantedUnits();
        List<String> names = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        dropIns.keySet().forEach(file -> {
            String name = nameOf(file);
            if (name.contains("@.")) {
                templates.add(file);
            } else if (VALID_NAME.matcher(name).matches() && name.length() <= 255) {
                names.add(name);
            }
        });
        Map<String, LoadedUnit> loaded = new HashMap<>();
        if (!names.isEmpty()) {
            reader.counted();
            List<LoadedUnit> answer = bus.systemd().listUnitsByNames(names);
            // One entry per name, in order, under the unit's own name: an alias answers as the unit it names.
            for (int i = 0; i < answer.size(); i++) {
                loaded.put(
                        answer.size() == names.size()
                                ? names.get(i)
                                : answer.get(i).name(),
                        answer.get(i));
            }
        }
        List<UnitProps> units = new ArrayList<>();
        for (Map.Entry<String, PortableDropIn> entry : dropIns.entrySet()) {
            String name = nameOf(entry.getKey());
            if (!name.contains("@.")) {
                units.add(unit(name, entry.getKey(), entry.getValue(), loaded.get(name), wanted.contains(name)));
            }
        }
        if (!templates.isEmpty()) {
            units.addAll(reader.templates(templates));
        }
        return withFileStates(units);
    }

    private UnitProps unit(String name, String file, PortableDropIn dropIn, @Nullable LoadedUnit loaded, boolean wanted)
            throws DBusException {
        String active = loaded == null ? "inactive" : loaded.activeState();
        String sub = loaded == null ? "dead" : loaded.subState();
        boolean hasResult = !name.endsWith(".target");
        String result = active.equals("failed") && hasResult ? string(name, typeInterface(name), "Result") : "";
        List<String> triggers = isTrigger(name) ? strings(name, "Triggers") : List.of();
        boolean service = name.endsWith(".service");
        return new UnitProps(
                name,
                file,
                "",
                active,
                sub,
                result,
                0,
                List.of(),
                triggers,
                List.of(),
                service ? dropIn.rootImage() : "",
                service ? dropIn.rootDirectory() : "",
                dropIn.marker(),
                wanted,
                service ? dropIn.extensionImages() : List.of());
    }

    /**
     * The UnitFileState of the units of each image (its marker) of which no unit runs and none is wanted: only there
     * can it change the image's state from attached to enabled.
     */
    private List<UnitProps> withFileStates(List<UnitProps> units) throws DBusException {
        Map<String, Boolean> settled = new HashMap<>();
        for (UnitProps unit : units) {
            settled.merge(unit.marker(), unit.isRunning() || unit.wanted(), Boolean::logicalOr);
        }
        List<UnitProps> read = new ArrayList<>();
        for (UnitProps unit : units) {
            boolean needed = !settled.getOrDefault(unit.marker(), true) && !unit.isTemplate();
            read.add(needed ? withFileState(unit, string(unit.name(), UNIT, "UnitFileState")) : unit);
        }
        return read;
    }

    private static UnitProps withFileState(UnitProps u, String state) {
        return new UnitProps(
                u.name(),
                u.file(),
                state,
                u.activeState(),
                u.subState(),
                u.result(),
                u.restarts(),
                u.triggeredBy(),
                u.triggers(),
                u.dropInPaths(),
                u.rootImage(),
                u.rootDirectory(),
                u.marker(),
                u.wanted(),
                u.extensionImages());
    }

    private String string(String unit, String iface, String property) throws DBusException {
        Object value = get(unit, iface, property);
        return value == null ? "" : value.toString();
    }

    private List<String> strings(String unit, String property) throws DBusException {
        return Values.strings(get(unit, UNIT, property));
    }

    private Object get(String unit, String iface, String property) throws DBusException {
        reader.counted();
        return bus.properties(SystemdManager.BUS_NAME, UnitReader.objectPath(unit))
                .Get(iface, property);
    }

    /** The interface that holds a unit's Result: the one of its type. */
    private static String typeInterface(String unit) {
        String type = unit.substring(unit.lastIndexOf('.') + 1);
        return "org.freedesktop.systemd1." + Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }

    private static boolean isTrigger(String unit) {
        return unit.endsWith(".socket") || unit.endsWith(".timer") || unit.endsWith(".path");
    }

    private static String nameOf(String file) {
        return file.substring(file.lastIndexOf('/') + 1);
    }
}

package dev.berth.agent.dbus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.Variant;

/**
 * Reads attached units in full, where a change or the health gate needs every detail ({@link UnitScan} is the cheap
 * read of a pass): the attached directories (through the file root) to find them, then one GetAll per unit
 * for everything else (GetAll with an empty interface returns the Unit and the type's properties together, and
 * reading a unit's object also loads it), and one ListUnitsByPatterns for the instances of any templates.
 */
final class UnitReader {
    private static final String UNIT_PATH = "/org/freedesktop/systemd1/unit/";

    private final Bus bus;
    private final FileRoot files;
    private final AtomicInteger calls = new AtomicInteger();

    UnitReader(Bus bus, FileRoot files) {
        this.bus = bus;
        this.files = files;
    }

    /** D-Bus calls made so far, to keep an eye on the cost of an observation. */
    int calls() {
        return calls.get();
    }

    /** Counts one more call made to read units (by {@link UnitScan} too). */
    void counted() {
        calls.incrementAndGet();
    }

    /** Every unit file portabled attached, with its properties. */
    List<UnitProps> attached() throws DBusException, IOException {
        return read(files.attachedUnitFiles());
    }

    /** The properties of the given attached unit files (full paths). */
    List<UnitProps> read(Collection<String> unitFiles) throws DBusException {
        Set<String> wanted = files.wantedUnits();
        List<UnitProps> units = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        for (String file : unitFiles) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (name.contains("@.")) {
                templates.add(file);
                continue;
            }
            calls.incrementAndGet();
            Map<String, Variant<?>> all =
                    bus.properties(SystemdManager.BUS_NAME, objectPath(name)).GetAll("");
            units.add(props(name, file, all, files.marker(file).orElse(""), wanted.contains(name)));
        }
        if (!templates.isEmpty()) {
            units.addAll(templates(templates));
        }
        return units;
    }

    /** The instances of the given templates that are not inactive, to stop them before a detach. */
    List<String> activeInstances(List<String> units) throws DBusException {
        List<String> patterns = units.stream()
                .filter(u -> u.contains("@."))
                .map(u -> u.replace("@.", "@*."))
                .toList();
        if (patterns.isEmpty()) {
            return List.of();
        }
        calls.incrementAndGet();
        return bus.systemd().listUnitsByPatterns(List.of(), patterns).stream()
                .filter(i -> !i.activeState().equals("inactive"))
                .map(LoadedUnit::name)
                .toList();
    }

    /** A template is as active as its most active instance; its own object cannot be read. */
    List<UnitProps> templates(List<String> templateFiles) throws DBusException {
        List<String> patterns = templateFiles.stream()
                .map(f -> f.substring(f.lastIndexOf('/') + 1).replace("@.", "@*."))
                .toList();
        calls.incrementAndGet();
        List<LoadedUnit> instances = bus.systemd().listUnitsByPatterns(List.of(), patterns);
        List<UnitProps> units = new ArrayList<>();
        for (String file : templateFiles) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            String prefix = name.substring(0, name.indexOf("@.") + 1);
            String suffix = name.substring(name.indexOf("@.") + 1);
            LoadedUnit running = instances.stream()
                    .filter(i -> i.name().startsWith(prefix) && i.name().endsWith(suffix))
                    .filter(i -> !i.activeState().equals("inactive"))
                    .findFirst()
                    .orElse(null);
            String active = running == null ? "inactive" : running.activeState();
            String sub = running == null ? "dead" : running.subState();
            String marker = files.marker(file).orElse("");
            units.add(new UnitProps(
                    name, file, "", active, sub, "", 0, List.of(), List.of(), List.of(), "", "", marker, false,
                    List.of()));
        }
        return units;
    }

    private static UnitProps props(
            String name, String file, Map<String, Variant<?>> all, String marker, boolean wanted) {
        return new UnitProps(
                name,
                file,
                string(all, "UnitFileState"),
                string(all, "ActiveState"),
                string(all, "SubState"),
                string(all, "Result"),
                number(all, "NRestarts"),
                strings(all, "TriggeredBy"),
                strings(all, "Triggers"),
                strings(all, "DropInPaths"),
                string(all, "RootImage"),
                string(all, "RootDirectory"),
                marker,
                wanted,
                extensionImages(all));
    }

    /** ExtensionImages is a(sba(ss)): (source, ignore if missing, mount options); the sources are wanted. */
    static List<String> extensionImages(Map<String, Variant<?>> all) {
        Variant<?> v = all.get("ExtensionImages");
        if (v == null || !(v.getValue() instanceof Collection<?> entries)) {
            return List.of();
        }
        List<String> sources = new ArrayList<>();
        for (Object entry : entries) {
            Object[] fields = entry instanceof Struct struct
                    ? struct.getParameters()
                    : entry instanceof Object[] array ? array : new Object[0];
            if (fields.length > 0 && fields[0] != null) {
                sources.add(fields[0].toString());
            }
        }
        return sources;
    }

    /** systemd's bus_label_escape: letters (and digits after the first character) stay, other bytes become _xx. */
    static String objectPath(String unit) {
        StringBuilder path = new StringBuilder(UNIT_PATH);
        byte[] bytes = unit.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean digit = i > 0 && c >= '0' && c <= '9';
            if (letter || digit) {
                path.append((char) c);
            } else {
                path.append('_').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return path.toString();
    }

    static String string(Map<String, Variant<?>> all, String key) {
        Variant<?> v = all.get(key);
        return v == null || v.getValue() == null ? "" : v.getValue().toString();
    }

    static long number(Map<String, Variant<?>> all, String key) {
        Variant<?> v = all.get(key);
        return v != null && v.getValue() instanceof Number ? ((Number) v.getValue()).longValue() : 0;
    }

    static List<String> strings(Map<String, Variant<?>> all, String key) {
        Variant<?> v = all.get(key);
        return v == null ? List.of() : Values.strings(v.getValue());
    }
}

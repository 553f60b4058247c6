package dev.berth.agent.dbus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What portabled wrote into an attached unit's {@code 20-portable.conf}: the image on its marker line and, for a
 * service, the {@code RootImage=} (raw) or {@code RootDirectory=} (directory) and {@code ExtensionImages=} lines it
 * set. systemd 252 and 257 both write them so (see docs/design.md), and the unit runs from what they say once PID 1
 * was reloaded, which portabled's callers do after every attach: reading them costs no D-Bus call.
 *
 * @param marker the image named on the first line, with its extensions joined by ":"
 * @param rootImage the last RootImage= value; "" when unset
 * @param rootDirectory the last RootDirectory= value; "" when unset
 * @param extensionImages the sources of ExtensionImages=, in order (an empty assignment resets the list)
 */
record PortableDropIn(String marker, String rootImage, String rootDirectory, List<String> extensionImages) {
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    PortableDropIn {
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(rootImage, "rootImage");
        Objects.requireNonNull(rootDirectory, "rootDirectory");
        extensionImages = List.copyOf(extensionImages);
    }

    /** Empty unless the first line is portabled's marker: a drop-in anyone else wrote is not portabled's. */
    static Optional<PortableDropIn> parse(String text) {
        List<String> lines = text.lines().toList();
        Optional<String> marker = FileRoot.parseMarker(lines.isEmpty() ? "" : lines.get(0));
        if (marker.isEmpty()) {
            return Optional.empty();
        }
        String rootImage = "";
        String rootDirectory = "";
        List<String> extensions = new ArrayList<>();
        for (String line : lines) {
            String assignment = line.strip();
            if (assignment.startsWith("RootImage=")) {
                rootImage = value(assignment);
            } else if (assignment.startsWith("RootDirectory=")) {
                rootDirectory = value(assignment);
            } else if (assignment.startsWith("ExtensionImages=")) {
                String value = value(assignment);
                if (value.isEmpty()) {
                    extensions.clear();
                }
                BLANKS.splitAsStream(value)
                        .map(PortableDropIn::source)
                        .flatMap(Optional::stream)
                        .forEach(extensions::add);
            }
        }
        return Optional.of(new PortableDropIn(marker.get(), rootImage, rootDirectory, extensions));
    }

    private static String value(String assignment) {
        return assignment.substring(assignment.indexOf('=') + 1).strip();
    }

    /** An ExtensionImages= entry is [-]SOURCE[:PARTITION:OPTIONS...]; systemd's property shows SOURCE alone. */
    private static Optional<String> source(String entry) {
        String source = entry.startsWith("-") ? entry.substring(1) : entry;
        int options = source.indexOf(':');
        source = options < 0 ? source : source.substring(0, options);
        return source.isEmpty() ? Optional.empty() : Optional.of(source);
    }
}

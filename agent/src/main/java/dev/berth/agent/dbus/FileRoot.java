package dev.berth.agent.dbus;

import dev.berth.agent.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads the attached directories and drop-ins through a root directory: "/" on the host itself, /proc/PID/root for
 * a container. This is how portabled itself finds attached units, and it costs no D-Bus call (systemd's
 * ListUnitFiles computes the state of every unit file on the host and took over a second). An unreadable drop-in
 * means "unknown", never an error: an observation must not fail over one file.
 */
final class FileRoot {
    private static final String MARKER_BEGIN = "# Drop-in created for image '";
    private static final String MARKER_END = "', do not edit.";
    private static final int MAX_DROP_IN_BYTES = 64 * 1024;
    private static final String PROFILE_SEGMENT = "/portable/profile/";
    /** Where portabled looks for profiles, most specific first (its PORTABLE_PROFILE_DIRS). */
    private static final List<String> PROFILE_DIRS = List.of(
            "/etc/systemd/portable/profile",
            "/run/systemd/portable/profile",
            "/usr/local/lib/systemd/portable/profile",
            "/usr/lib/systemd/portable/profile");

    private final Path root;

    FileRoot(Path root) {
        this.root = root;
    }

    Path resolve(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /**
     * The unit files portabled attached, as it recognises them itself: a unit file (or symlink) directly in one of
     * the attached directories whose 20-portable.conf starts with the image marker. Sorted, /etc before /run.
     */
    List<String> attachedUnitFiles() throws IOException {
        return List.copyOf(attachedDropIns().keySet());
    }

    /** {@link #attachedUnitFiles()}, each with what its 20-portable.conf says, read once. */
    Map<String, PortableDropIn> attachedDropIns() throws IOException {
        Map<String, PortableDropIn> units = new LinkedHashMap<>();
        for (String dir : List.of(UnitProps.ATTACHED_DIR, UnitProps.RUNTIME_ATTACHED_DIR)) {
            Path path = resolve(dir);
            if (!Files.isDirectory(path)) {
                continue;
            }
            List<String> files;
            try (Stream<Path> entries = Files.list(path)) {
                files = entries.map(entry -> dir + entry.getFileName())
                        .filter(UnitProps::isAttachedFile)
                        .filter(file -> Files.isRegularFile(resolve(file), LinkOption.NOFOLLOW_LINKS)
                                || Files.isSymbolicLink(resolve(file)))
                        .sorted()
                        .toList();
            }
            for (String file : files) {
                dropIn(file).ifPresent(dropIn -> units.put(file, dropIn));
            }
        }
        return units;
    }

    /**
     * The units that links in the attached directories' .wants, .requires and .upholds directories pull in: where
     * EnableUnitFilesWithFlags with the PORTABLE flag puts them, and where systemd's own enablement check does not
     * look.
     */
    Set<String> wantedUnits() {
        Set<String> units = new TreeSet<>();
        for (String dir : List.of(UnitProps.ATTACHED_DIR, UnitProps.RUNTIME_ATTACHED_DIR)) {
            try (Stream<Path> entries = Files.list(resolve(dir))) {
                for (Path sub : entries.filter(FileRoot::isDependencyDir).toList()) {
                    try (Stream<Path> links = Files.list(sub)) {
                        links.filter(Files::isSymbolicLink)
                                .map(link -> link.getFileName().toString())
                                .forEach(units::add);
                    }
                }
            } catch (IOException e) {
                // no such directory (nothing attached there) or unreadable: no links from it
            }
        }
        return units;
    }

    private static boolean isDependencyDir(Path path) {
        String name = path.getFileName().toString();
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                && (name.endsWith(".wants") || name.endsWith(".requires") || name.endsWith(".upholds"));
    }

    /** The image named on the first line of the unit file's 20-portable.conf. */
    Optional<String> marker(String unitFile) {
        return dropIn(unitFile).map(PortableDropIn::marker);
    }

    /**
     * The unit file's 20-portable.conf, when portabled wrote it: read without following a link, at the name or at its
     * directory's, so that a link planted there cannot make Berth read a file elsewhere; unreadable means unknown.
     */
    Optional<PortableDropIn> dropIn(String unitFile) {
        Path dir = resolve(unitFile + ".d");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return AtomicFiles.read(dir.resolve("20-portable.conf"), MAX_DROP_IN_BYTES)
                    .flatMap(bytes -> PortableDropIn.parse(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<String> parseMarker(String line) {
        if (line == null || !line.startsWith(MARKER_BEGIN) || !line.endsWith(MARKER_END)) {
            return Optional.empty();
        }
        String image = line.substring(MARKER_BEGIN.length(), line.length() - MARKER_END.length());
        return image.isEmpty() ? Optional.empty() : Optional.of(image);
    }

    /**
     * The profiles portabled offers, read as it reads them (its Profiles property): the directories, or links to
     * directories, in its profile directories, by name, hidden and backup names left out. Reading them here spares
     * a no-op pass the call that would start portabled (it exits when idle for 30 s); an attach still asks
     * portabled itself.
     */
    Set<String> profiles() {
        Set<String> names = new TreeSet<>();
        for (String dir : PROFILE_DIRS) {
            try (Stream<Path> entries = Files.list(resolve(dir))) {
                entries.filter(Files::isDirectory)
                        .map(entry -> entry.getFileName().toString())
                        .filter(name -> !name.startsWith(".") && !name.endsWith("~"))
                        .forEach(names::add);
            } catch (IOException e) {
                // no such directory on this host, or unreadable: no profiles from it
            }
        }
        return names;
    }

    /** The profile a 10-profile.conf links (or copies), when that can be told. */
    Optional<String> profile(String profileDropIn) {
        Path dropIn = resolve(profileDropIn);
        try {
            if (Files.isSymbolicLink(dropIn)) {
                return profileOfLink(Files.readSymbolicLink(dropIn).toString());
            }
            return Files.isRegularFile(dropIn) ? profileOfCopy(Files.readAllBytes(dropIn)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** ".../portable/profile/NAME/service.conf" names the profile NAME. */
    static Optional<String> profileOfLink(String target) {
        int at = target.lastIndexOf(PROFILE_SEGMENT);
        if (at < 0 || !target.endsWith("/service.conf")) {
            return Optional.empty();
        }
        String name = target.substring(at + PROFILE_SEGMENT.length(), target.length() - "/service.conf".length());
        return name.isEmpty() || name.contains("/") ? Optional.empty() : Optional.of(name);
    }

    /** A copied profile is recognised by identical content, searching the profile directories in portabled's order. */
    private Optional<String> profileOfCopy(byte[] content) throws IOException {
        for (String dir : PROFILE_DIRS) {
            Path profiles = resolve(dir);
            if (!Files.isDirectory(profiles)) {
                continue;
            }
            try (var names = Files.list(profiles)) {
                for (Path profile : names.sorted().toList()) {
                    Path conf = profile.resolve("service.conf");
                    if (Files.isRegularFile(conf) && Arrays.equals(Files.readAllBytes(conf), content)) {
                        return Optional.of(profile.getFileName().toString());
                    }
                }
            }
        }
        return Optional.empty();
    }
}

package dev.berth.agent.dbus;

import java.util.List;
import java.util.Objects;

/**
 * What systemd says about one attached unit, read in one GetAll call: the states, the trigger relations, the
 * drop-ins and, for services, the image their RootImage or RootDirectory points at ("" when unset).
 *
 * @param file the attached unit file, e.g. /etc/systemd/system.attached/hello.service
 * @param unitFileState systemd's UnitFileState (enabled, disabled, linked...)
 * @param marker the image named on the first line of the unit's 20-portable.conf; "" when unreadable
 * @param wanted whether a .wants/.requires/.upholds link next to the attached units points at it, which is where
 *     enabling with the PORTABLE flag puts them
 * @param extensionImages the extension images of a service (its ExtensionImages), in order; empty for most
 */
record UnitProps(
        String name,
        String file,
        String unitFileState,
        String activeState,
        String subState,
        String result,
        long restarts,
        List<String> triggeredBy,
        List<String> triggers,
        List<String> dropInPaths,
        String rootImage,
        String rootDirectory,
        String marker,
        boolean wanted,
        List<String> extensionImages) {
    static final String ATTACHED_DIR = "/etc/systemd/system.attached/";
    static final String RUNTIME_ATTACHED_DIR = "/run/systemd/system.attached/";

    UnitProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(marker, "marker");
        triggeredBy = List.copyOf(triggeredBy);
        triggers = List.copyOf(triggers);
        dropInPaths = List.copyOf(dropInPaths);
        extensionImages = List.copyOf(extensionImages);
    }

    /** Whether a unit file path is one portabled attached: directly in one of the two attached directories. */
    static boolean isAttachedFile(String path) {
        String dir = path.startsWith(ATTACHED_DIR)
                ? ATTACHED_DIR
                : path.startsWith(RUNTIME_ATTACHED_DIR) ? RUNTIME_ATTACHED_DIR : null;
        return dir != null && path.indexOf('/', dir.length()) < 0 && isUnitName(path.substring(dir.length()));
    }

    /** The unit types portabled takes from an image. */
    static boolean isUnitName(String name) {
        return name.endsWith(".service")
                || name.endsWith(".socket")
                || name.endsWith(".target")
                || name.endsWith(".timer")
                || name.endsWith(".path");
    }

    boolean runtime() {
        return file.startsWith(RUNTIME_ATTACHED_DIR);
    }

    boolean isTemplate() {
        return name.contains("@.");
    }

    /**
     * The image a service runs from, when it says so itself; with extension images, the base and the extensions
     * joined by ":", as portabled writes them on the marker line of 20-portable.conf.
     */
    String ownImage() {
        String root = !rootImage.isEmpty() ? rootImage : rootDirectory;
        return root.isEmpty() || extensionImages.isEmpty()
                ? root
                : root + ImageKey.SEPARATOR + String.join(ImageKey.SEPARATOR, extensionImages);
    }

    /** portabled's rule for "running": any of these states counts. */
    boolean isRunning() {
        return List.of("active", "activating", "reloading", "deactivating").contains(activeState);
    }

    /**
     * portabled's rule for "enabled" (any unit file state but these), plus the links enabling with the PORTABLE
     * flag makes: systemd 252 and 257 report such a unit "disabled" although its target pulls it in at boot.
     */
    boolean isEnabled() {
        return wanted
                || !List.of("static", "disabled", "linked", "linked-runtime", "")
                        .contains(unitFileState);
    }

    /** The drop-in that links the profile's service.conf, present for services only. */
    String profileDropIn() {
        return dropInPaths.stream()
                .filter(p -> p.endsWith(".d/10-profile.conf"))
                .findFirst()
                .orElse(file + ".d/10-profile.conf");
    }
}

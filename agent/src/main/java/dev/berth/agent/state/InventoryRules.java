package dev.berth.agent.state;

import dev.berth.model.Names;
import dev.berth.model.state.FailedChange;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.KnownFile;
import dev.berth.model.state.ManagedImage;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an inventory read from disk must hold before Berth acts on it: Berth deletes the files it lists and attaches
 * and detaches the images it lists, as root, so an edited or forged file must not name anything outside the pool.
 * Every file, image and extension is directly inside the pool under a plain name (no "..", no hidden name, no sub-directory) and every
 * image name is one a manifest could have.
 */
final class InventoryRules {
    private InventoryRules() {}

    /** Each entry that breaks a rule, as "files[\"/etc/passwd\"]: ..."; empty when the inventory is sound. */
    static List<String> problems(Inventory inventory, Path poolDir) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ManagedImage> e : inventory.images().entrySet()) {
            String entry = "images[" + quoted(e.getKey()) + "]";
            ManagedImage image = e.getValue();
            name(problems, entry, e.getKey());
            same(problems, entry, "name", image.name(), e.getKey());
            inPool(problems, entry + ".imagePath", image.imagePath(), poolDir);
            allInPool(problems, entry + ".extensions", image.extensions(), poolDir);
            if (image.previous() != null) {
                inPool(problems, entry + ".previous.imagePath", image.previous().imagePath(), poolDir);
                allInPool(
                        problems,
                        entry + ".previous.extensions",
                        image.previous().extensions(),
                        poolDir);
            }
        }
        for (Map.Entry<String, KnownFile> e : inventory.files().entrySet()) {
            String entry = "files[" + quoted(e.getKey()) + "]";
            if (!directlyInside(e.getKey(), poolDir)) {
                problems.add(entry + " is not a file directly inside the pool " + poolDir);
            }
            same(problems, entry, "path", e.getValue().path(), e.getKey());
            name(problems, entry + ".image", e.getValue().image());
        }
        for (Map.Entry<String, FailedChange> e : inventory.failures().entrySet()) {
            String entry = "failures[" + quoted(e.getKey()) + "]";
            name(problems, entry, e.getKey());
            same(problems, entry, "image", e.getValue().image(), e.getKey());
        }
        return problems;
    }

    private static void allInPool(List<String> problems, String entry, List<String> paths, Path poolDir) {
        for (int i = 0; i < paths.size(); i++) {
            inPool(problems, entry + "[" + i + "]", paths.get(i), poolDir);
        }
    }

    private static void inPool(List<String> problems, String entry, String path, Path poolDir) {
        if (!directlyInside(path, poolDir)) {
            problems.add(
                    entry + " names " + quoted(path) + ", which is not a file directly inside the pool " + poolDir);
        }
    }

    /** True for POOL/NAME exactly as Berth writes it, where NAME is neither hidden nor "." nor "..". */
    static boolean directlyInside(String path, Path poolDir) {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            return false;
        }
        return file.isAbsolute()
                && file.toString().equals(path)
                && poolDir.equals(file.getParent())
                && !file.getFileName().toString().startsWith(".");
    }

    private static void name(List<String> problems, String entry, String name) {
        if (!Names.IMAGE_NAME.matcher(name).matches()) {
            problems.add(entry + ": " + quoted(name) + " is not a valid image name (" + Names.IMAGE_NAME_RULE + ")");
        }
    }

    private static void same(List<String> problems, String entry, String field, String value, String key) {
        if (!value.equals(key)) {
            problems.add(entry + " has " + field + " " + quoted(value) + ", not its key");
        }
    }

    /** A string from the file, quoted, shortened, and with control characters shown as "?" (it goes into logs). */
    private static String quoted(String s) {
        String shown = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}

package dev.berth.agent.dbus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads unit names out of portabled's change lists. */
final class Changes {
    private Changes() {}

    /**
     * The unit files an attach created: copies or symlinks directly in an attached directory. Drop-ins, their
     * directories and the image symlink under /etc/portables are not units.
     */
    static List<String> createdUnitFiles(List<Change> changes) {
        return filesOf(changes, Set.of("copy", "symlink"));
    }

    /** The unit files a reattach removed. */
    static List<String> removedUnitFiles(List<Change> changes) {
        return filesOf(changes, Set.of("unlink"));
    }

    static String unitName(String file) {
        return file.substring(file.lastIndexOf('/') + 1);
    }

    static List<String> unitNames(List<String> files) {
        return files.stream().map(Changes::unitName).toList();
    }

    private static List<String> filesOf(List<Change> changes, Set<String> types) {
        Set<String> files = new LinkedHashSet<>();
        for (Change change : changes) {
            if (types.contains(change.type()) && UnitProps.isAttachedFile(change.path())) {
                files.add(change.path());
            }
        }
        return new ArrayList<>(files);
    }
}

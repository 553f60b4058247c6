package dev.berth.agent.dbus;

import dev.berth.agent.state.AtomicFiles;
import dev.berth.fetchers.fs.SafeFiles;
import dev.berth.model.BerthException;
import dev.berth.model.Limits;
import dev.berth.model.LimitsDropIn;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Berth's limits drop-ins on disk: {@code /etc/systemd/system/UNIT.d/50-berth-limits.conf}, or under
 * {@code /run/systemd/system} for a runtime attach, where systemd merges them with portabled's own drop-ins (ours
 * sort last, so their values win). Written atomically through a temporary file created afresh; a link at the
 * drop-in's name is replaced, never followed, and a link at the directory's name is refused.
 */
final class LimitDropIns {
    private static final String PERSISTENT = "/etc/systemd/system/";
    private static final String RUNTIME = "/run/systemd/system/";
    /** A unit name as portabled attaches it: no path, no hidden name. */
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9:_.@\\\\-]{1,250}\\.service");

    private static final int MAX_BYTES = 64 * 1024;

    private final FileRoot files;

    LimitDropIns(FileRoot files) {
        this.files = files;
    }

    /**
     * The text of each unit's drop-in, by unit, where the image's runtime flag puts it. Something that is not a plain
     * file there reads as a text no limits make, so that it counts as changed by hand and is replaced.
     */
    Map<String, String> read(List<AttachedImage> images) {
        Map<String, String> found = new HashMap<>();
        for (AttachedImage image : images) {
            for (String unit : image.unitNames()) {
                if (!applies(unit)) {
                    continue;
                }
                try {
                    AtomicFiles.read(path(unit, image.runtime()), MAX_BYTES)
                            .ifPresent(bytes -> found.put(unit, new String(bytes, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    found.put(unit, "# not a drop-in Berth wrote: " + e.getMessage());
                }
            }
        }
        return found;
    }

    /**
     * Writes {@code limits} for each service unit of {@code image}, or removes the drop-ins when there are none; the
     * drop-in where the other runtime flag would put it is removed too.
     */
    void write(String image, Collection<String> units, boolean runtime, Limits limits, String action) {
        Optional<String> text = LimitsDropIn.text(image, limits);
        for (String unit : units) {
            if (!applies(unit)) {
                continue;
            }
            Path target = path(unit, runtime);
            try {
                remove(path(unit, !runtime));
                if (text.isPresent()) {
                    AtomicFiles.write(target, text.get().getBytes(StandardCharsets.UTF_8), SafeFiles.PUBLIC);
                } else {
                    remove(target);
                }
            } catch (IOException e) {
                throw new BerthException(
                        Reason.StartFailed,
                        action + ": cannot write the limits drop-in " + target + " (" + e.getMessage()
                                + "); Berth must run as root and may write to /etc/systemd/system and"
                                + " /run/systemd/system (the shipped unit's ReadWritePaths=)",
                        e);
            }
        }
    }

    /** Removes the drop-ins of {@code units} wherever they are. */
    void remove(String image, Collection<String> units, String action) {
        write(image, units, false, Limits.NONE, action);
    }

    private static boolean applies(String unit) {
        return LimitsDropIn.applies(unit) && UNIT.matcher(unit).matches() && !unit.startsWith(".");
    }

    private Path path(String unit, boolean runtime) {
        return files.resolve((runtime ? RUNTIME : PERSISTENT) + unit + ".d/" + LimitsDropIn.FILE_NAME);
    }

    /** The drop-in, and its directory when nothing else is left in it. */
    private static void remove(Path dropIn) throws IOException {
        SafeFiles.remove(dropIn);
        Path dir = dropIn.getParent();
        try {
            if (dir != null && Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(dir);
            }
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // the unit has other drop-ins there, or it went meanwhile: leave it
        }
    }
}

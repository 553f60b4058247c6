package dev.berth.agent.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.security.auth.module.UnixSystem;
import dev.berth.fetchers.fs.SafeFiles;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.state.Suspension;
import dev.berth.reconciler.port.Suspensions;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code STATE/suspension.json}, written by {@code berth suspend} and removed by {@code berth resume} while the agent
 * runs: neither takes the state lock (the agent holds it for its whole life), and the file is replaced by an atomic
 * rename, so a reader sees the old suspension or the new one, never a torn one. Readable by everyone (mode 0644),
 * as status.json is: {@code berth status} shows it to any user.
 *
 * <p>What is at the name is hostile until shown otherwise. A link, a directory, garbage, or a file that someone but
 * root could have written is not ignored: it reads as a {@link Suspension.Unreadable}, which holds, because an agent
 * that cannot tell whether it is suspended must change nothing. {@code berth resume} removes it.
 */
public final class FileSuspensions implements Suspensions {
    public static final String FILE_NAME = "suspension.json";
    private static final int SCHEMA = 1;
    /** Far more than a reason takes; a bigger file is not one Berth wrote. */
    private static final int MAX_BYTES = 64 << 10;

    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private static final ObjectMapper JSON = StateJson.STRICT;

    private final Path file;
    private final int self;

    public FileSuspensions(Path stateDir) {
        this(stateDir, (int) new UnixSystem().getUid());
    }

    /** @param self the user this process runs as, whose files are trusted besides root's */
    FileSuspensions(Path stateDir, int self) {
        this.file = stateDir.resolve(FILE_NAME);
        this.self = self;
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<Suspension> current(Instant now) {
        return read().filter(s -> !s.endedAt(now));
    }

    /** Whatever is at the name, an ended suspension included; empty when nothing is. */
    public Optional<Suspension> read() {
        Map<String, Object> found;
        try {
            // One lstat, so the type, owner and mode describe the same file while suspend and resume race.
            found = Files.readAttributes(
                    file, "unix:isSymbolicLink,isDirectory,isRegularFile,uid,permissions", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            // Absent, or removed by a berth resume between two looks: not suspended either way.
            return Optional.empty();
        } catch (IOException e) {
            return unreadable(String.valueOf(e.getMessage()));
        }
        Optional<String> distrusted = distrusted(found);
        if (distrusted.isPresent()) {
            return unreadable(distrusted.get());
        }
        try {
            Optional<byte[]> bytes = AtomicFiles.read(file, MAX_BYTES);
            return bytes.isEmpty() ? Optional.empty() : Optional.of(parse(bytes.get()));
        } catch (AccessDeniedException e) {
            return unreadable("permission denied; run berth as root to read it");
        } catch (IOException e) {
            return unreadable(String.valueOf(e.getMessage()));
        }
    }

    /** Records {@code suspension}, replacing whatever suspension there was, in one atomic rename. */
    public void write(Suspension.Declared suspension) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(new Recorded(
                    SCHEMA,
                    suspension.by(),
                    suspension.reason(),
                    suspension.since(),
                    suspension.until().orElse(null)));
            AtomicFiles.write(file, bytes, SafeFiles.PUBLIC);
        } catch (AccessDeniedException e) {
            throw new BerthException(
                    Reason.StateUnavailable, "cannot write " + file + ": permission denied; run it as root (sudo)");
        } catch (IOException e) {
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new BerthException(
                        Reason.StateUnavailable,
                        "cannot write " + file + ": a directory is in the way; berth resume removes it when it is"
                                + " empty");
            }
            throw new BerthException(
                    Reason.StateUnavailable,
                    "cannot write " + file + ": " + e.getMessage()
                            + "; check that the state directory is writable and the disk is not full");
        }
    }

    /**
     * Removes whatever is at the name without following a link, and says what it was. A directory is removed only
     * when it is empty: Berth never made it, so what is in it is for a person to look at.
     */
    public Optional<Suspension> remove() {
        Optional<Suspension> before = read();
        try {
            Files.deleteIfExists(file);
        } catch (DirectoryNotEmptyException e) {
            throw new BerthException(
                    Reason.StateUnavailable,
                    file + " is a directory with files in it, which Berth did not make and does not delete: look at"
                            + " what is in it, then remove it (rm -r " + file + ")");
        } catch (AccessDeniedException e) {
            throw new BerthException(
                    Reason.StateUnavailable, "cannot remove " + file + ": permission denied; run it as root (sudo)");
        } catch (IOException e) {
            throw new BerthException(Reason.StateUnavailable, "cannot remove " + file + ": " + e.getMessage());
        }
        return before;
    }

    /** Why the file at the name cannot be trusted to say whether the host is suspended; empty when it can. */
    private Optional<String> distrusted(Map<String, Object> found) {
        if (Boolean.TRUE.equals(found.get("isSymbolicLink"))) {
            return Optional.of("it is a symbolic link, which Berth never follows in its state directory");
        }
        if (Boolean.TRUE.equals(found.get("isDirectory"))) {
            return Optional.of("it is a directory");
        }
        if (!Boolean.TRUE.equals(found.get("isRegularFile"))) {
            return Optional.of("it is not a regular file");
        }
        int owner = found.get("uid") instanceof Integer uid ? uid : -1;
        if (owner != 0 && owner != self) {
            return Optional.of("it is owned by uid " + owner + ", not by root, so anyone could have written it");
        }
        Set<PosixFilePermission> mode = permissions(found.get("permissions"));
        if (mode.stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
            return Optional.of("it is writable by group or others (" + PosixFilePermissions.toString(mode)
                    + "), so anyone could have written it");
        }
        return Optional.empty();
    }

    private static Set<PosixFilePermission> permissions(@Nullable Object value) {
        Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
        if (value instanceof Set<?> each) {
            each.stream()
                    .filter(PosixFilePermission.class::isInstance)
                    .map(PosixFilePermission.class::cast)
                    .forEach(mode::add);
        }
        return mode;
    }

    private Suspension parse(byte[] bytes) {
        try {
            JsonNode root = JSON.readTree(bytes);
            int schema = root == null ? -1 : root.path("schemaVersion").asInt(-1);
            if (schema > SCHEMA) {
                return new Suspension.Unreadable(
                        file.toString(), "it was written by a newer Berth (schema " + schema + ")");
            }
            if (schema != SCHEMA) {
                return new Suspension.Unreadable(file.toString(), "it is not a suspension Berth wrote");
            }
            Recorded recorded = JSON.treeToValue(root, Recorded.class);
            return new Suspension.Declared(
                    recorded.by(), recorded.reason(), recorded.since(), Optional.ofNullable(recorded.until()));
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            return new Suspension.Unreadable(
                    file.toString(), "it is not a suspension Berth wrote: " + firstLine(e.getMessage()));
        }
    }

    private Optional<Suspension> unreadable(String why) {
        return Optional.of(new Suspension.Unreadable(file.toString(), why));
    }

    private static String firstLine(@Nullable String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    /** The file: a schema version, who, why, since when and until when (absent: until berth resume). */
    record Recorded(
            int schemaVersion,
            String by,
            String reason,
            Instant since,
            @Nullable Instant until) {}
}

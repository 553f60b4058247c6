package dev.berth.agent.trigger;

import com.sun.security.auth.module.UnixSystem;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key a forge signs its webhooks with, read once when the agent starts from {@code trigger.secretFile}. Like
 * sshd with a private key, the agent refuses a file anyone but its owner could read or change: it must be a regular
 * file (a symbolic link is not followed), owned by root (or the user the agent runs as), with no permission for
 * group or others. Trailing line breaks are not part of the secret. The value never appears in a message.
 */
public final class TriggerSecret {
    static final String ALGORITHM = "HmacSHA256";
    /** Shorter secrets can be guessed from one captured delivery, offline. */
    static final int MIN_BYTES = 16;

    static final int MAX_BYTES = 4096;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final byte[] key;
    private final Path file;

    private TriggerSecret(byte[] key, Path file) {
        this.key = key;
        this.file = file;
    }

    /** Reads and checks {@code file}; a file that fails a check stops the agent with what to do. */
    public static TriggerSecret read(Path file) {
        return read(file, (int) new UnixSystem().getUid());
    }

    static TriggerSecret read(Path file, int self) {
        PosixFileAttributes attributes = attributes(file);
        if (attributes.isSymbolicLink()) {
            throw refused(file, "is a symbolic link, which is not followed: name the file itself");
        }
        if (!attributes.isRegularFile()) {
            throw refused(file, "is not a regular file");
        }
        int owner = owner(file);
        if (owner != 0 && owner != self) {
            throw refused(file, "is owned by uid " + owner + ", not by root: chown root " + file);
        }
        Set<PosixFilePermission> open = new HashSet<>(attributes.permissions());
        open.removeAll(OWNER_ONLY);
        if (!open.isEmpty()) {
            throw refused(
                    file,
                    "is open to group or others (" + PosixFilePermissions.toString(attributes.permissions())
                            + "): chmod 0600 " + file);
        }
        byte[] key = strip(content(file));
        if (key.length == 0) {
            throw refused(file, "is empty: put a random secret in it (" + generate(file) + ")");
        }
        if (key.length < MIN_BYTES) {
            throw refused(
                    file,
                    "holds a secret of " + key.length + " bytes; at least " + MIN_BYTES
                            + " are needed, or one captured delivery lets anyone guess it ("
                            + generate(file) + ")");
        }
        return new TriggerSecret(key, file);
    }

    /** A fresh HMAC-SHA256 keyed with the secret; one per request (a Mac is not safe to share between threads). */
    Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
        }
    }

    private static PosixFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw refused(
                    file,
                    "does not exist: create it (" + generate(file)
                            + ") or remove trigger.secretFile from the agent's configuration");
        } catch (IOException e) {
            throw refused(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static int owner(Path file) {
        try {
            return (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw refused(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] content(Path file) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw refused(file, "is longer than " + MAX_BYTES + " bytes: it should hold one secret");
            }
            return bytes;
        } catch (IOException e) {
            throw refused(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Without trailing line breaks (an editor's, or echo's). */
    private static byte[] strip(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }

    private static String generate(Path file) {
        return "openssl rand -hex 32 > " + file + " && chmod 0600 " + file;
    }

    private static BerthException refused(Path file, String why) {
        return new BerthException(Reason.ManifestInvalid, "the trigger's secret file " + file + " " + why);
    }

    @Override
    public String toString() {
        return "the secret in " + file;
    }
}

package dev.berth.agent.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether standard error is connected to journald. systemd sets JOURNAL_STREAM to the device and inode of the stream
 * it connected; a process whose standard error was redirected since (say, by a shell) still inherits the variable,
 * so systemd.exec(5) advises comparing it with the real file behind the descriptor.
 */
final class JournalStream {
    private static final Path STDERR = Path.of("/proc/self/fd/2");

    private JournalStream() {}

    static boolean stderrIsJournal(Map<String, String> env) {
        String value = env.get("JOURNAL_STREAM");
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            long dev = ((Number) Files.getAttribute(STDERR, "unix:dev")).longValue();
            long ino = ((Number) Files.getAttribute(STDERR, "unix:ino")).longValue();
            return matches(value, dev, ino);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // Without /proc the variable is all there is to go by.
            return true;
        }
    }

    /** {@code value} is "DEVICE:INODE" in decimal, as systemd writes it. */
    static boolean matches(String value, long dev, long ino) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            return false;
        }
        try {
            return Long.parseUnsignedLong(value.substring(0, colon).strip()) == dev
                    && Long.parseUnsignedLong(value.substring(colon + 1).strip()) == ino;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

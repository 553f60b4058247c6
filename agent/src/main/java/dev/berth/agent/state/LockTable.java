package dev.berth.agent.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The kernel's table of file locks, {@code /proc/locks}: who holds a lock, learned without taking it. A line reads
 * "7: POSIX  ADVISORY  WRITE 27113 fe:00:2146561 0 EOF"; a line with "->" is a process waiting, not holding. Only
 * the inode is compared, because the device numbers there and in stat differ on some file systems (btrfs).
 */
final class LockTable {
    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private LockTable() {}

    /** The process holding an exclusive lock on {@code file}; empty when none does, or the table is unreadable. */
    static Optional<Long> writeLockHolder(Path file) throws IOException {
        Object inode = Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
        if (!Files.isReadable(PROC_LOCKS)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(PROC_LOCKS, StandardCharsets.US_ASCII)) {
            String[] field = line.strip().split("\\s+", -1);
            if (line.contains("->") || field.length < 6 || !field[3].equals("WRITE")) {
                continue;
            }
            if (field[5].endsWith(":" + inode)) {
                try {
                    return Optional.of(Long.parseLong(field[4]));
                } catch (NumberFormatException unknown) {
                    return Optional.of(-1L);
                }
            }
        }
        return Optional.empty();
    }
}

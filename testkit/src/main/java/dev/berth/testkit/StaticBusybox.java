package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine's statically linked busybox, the only program a test image carries: an image has no C library, so a
 * dynamically linked busybox would not start in it.
 */
final class StaticBusybox {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/busybox"), Path.of("/bin/busybox"));
    private static final int PT_INTERP = 3;

    private StaticBusybox() {}

    static Path find() {
        for (Path candidate : CANDIDATES) {
            if (Files.isRegularFile(candidate)) {
                if (!isStatic(candidate)) {
                    throw new TestHostException(candidate + " is dynamically linked and cannot run inside a portable"
                            + " image; install busybox-static: sudo scripts/prepare-test-host.sh bookworm");
                }
                return candidate;
            }
        }
        throw new TestHostException(
                "no busybox on this machine; install busybox-static: sudo scripts/prepare-test-host.sh bookworm");
    }

    /** A 64-bit ELF executable is static when no program header asks for an interpreter. */
    static boolean isStatic(Path elf) {
        try {
            ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(elf));
            if (file.limit() < 64 || file.getInt(0) != 0x7f454c46 || file.get(4) != 2) {
                throw new TestHostException(elf + " is not a 64-bit ELF executable");
            }
            file.order(file.get(5) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            long phoff = file.getLong(0x20);
            int phentsize = Short.toUnsignedInt(file.getShort(0x36));
            int phnum = Short.toUnsignedInt(file.getShort(0x38));
            for (int i = 0; i < phnum; i++) {
                if (file.getInt((int) (phoff + (long) i * phentsize)) == PT_INTERP) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + elf, e);
        }
    }
}

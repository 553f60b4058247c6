package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Lays out a {@link PortableImage} as a directory tree and packs it with mksquashfs. */
final class ImageBuilder {
    private static final List<String> MOUNT_POINTS = List.of("proc", "sys", "dev", "run", "tmp", "var/tmp", "etc");
    private static final List<String> EMPTY_FILES = List.of("etc/resolv.conf", "etc/machine-id");
    private static final Duration MKSQUASHFS_TIMEOUT = Duration.ofMinutes(2);
    private static volatile @Nullable Boolean mksquashfsHasTimes;

    private ImageBuilder() {}

    static Path raw(PortableImage image, Path dir) {
        Path target = dir.resolve(image.baseName() + ".raw");
        // portabled ignores names starting ".#": a half-written image is never seen in a pool.
        Path partial = dir.resolve(".#" + image.baseName() + ".raw.partial");
        @Nullable Path tree = null;
        try {
            Files.createDirectories(dir);
            tree = Files.createTempDirectory("berth-image-");
            layOut(image, tree);
            List<String> argv = new ArrayList<>(List.of(
                    "mksquashfs",
                    tree.toString(),
                    partial.toString(),
                    "-noappend",
                    "-all-root",
                    "-no-xattrs",
                    "-no-progress",
                    "-quiet"));
            if (mksquashfsHasTimes()) {
                argv.addAll(List.of("-mkfs-time", "0", "-all-time", "0"));
            }
            Command.of(argv).withTimeout(MKSQUASHFS_TIMEOUT).runOk();
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + target, e);
        } finally {
            Trees.delete(tree);
            Trees.delete(partial);
        }
    }

    static Path directory(PortableImage image, Path dir) {
        Path target = dir.resolve(image.baseName());
        Path partial = dir.resolve(".#" + image.baseName() + ".partial");
        try {
            Files.createDirectories(dir);
            Trees.delete(partial);
            Files.createDirectory(partial);
            layOut(image, partial);
            Trees.delete(target);
            return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + target, e);
        } finally {
            Trees.delete(partial);
        }
    }

    static void layOut(PortableImage image, Path root) throws IOException {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (!image.isExtension()) {
            layOutBase(root);
        }
        write(root, image.releasePath(), image.osReleaseText().getBytes(StandardCharsets.UTF_8), false);
        for (Map.Entry<String, PortableImage.ImageFile> file : image.files().entrySet()) {
            write(
                    root,
                    file.getKey(),
                    file.getValue().content(),
                    file.getValue().executable());
        }
    }

    private static void layOutBase(Path root) throws IOException {
        for (String mountPoint : MOUNT_POINTS) {
            directories(root, mountPoint);
        }
        for (String sticky : List.of("tmp", "var/tmp")) {
            // Java cannot set the sticky bit; chmod can.
            Command.of("chmod", "1777", root.resolve(sticky).toString()).runOk();
        }
        for (String empty : EMPTY_FILES) {
            write(root, empty, new byte[0], false);
        }
        directories(root, "usr/bin");
        Path busybox = root.resolve("usr/bin/busybox");
        Files.copy(StaticBusybox.find(), busybox);
        Files.setPosixFilePermissions(busybox, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static String checkRelative(String path) {
        Path p = Path.of(path).normalize();
        if (path.isEmpty()
                || p.isAbsolute()
                || p.startsWith("..")
                || p.toString().isEmpty()) {
            throw new IllegalArgumentException("image file path must be relative and stay inside the image: " + path);
        }
        return p.toString();
    }

    private static void write(Path root, String relative, byte[] content, boolean executable) throws IOException {
        Path file = root.resolve(relative);
        directories(root, root.relativize(file.getParent()).toString());
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }

    private static void directories(Path root, String relative) throws IOException {
        Path dir = root;
        for (Path part : Path.of(relative)) {
            dir = dir.resolve(part);
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static boolean mksquashfsHasTimes() {
        Boolean known = mksquashfsHasTimes;
        if (known == null) {
            CommandResult help = Command.of("mksquashfs", "-help").run();
            known = (help.stdout() + help.stderr()).contains("-all-time");
            mksquashfsHasTimes = known;
        }
        return known;
    }
}

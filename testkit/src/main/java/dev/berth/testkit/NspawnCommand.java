package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The systemd-nspawn command line that boots a test container, following docs/testing.md. */
final class NspawnCommand {
    static final Path NSPAWN = Path.of("/usr/bin/systemd-nspawn");
    static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Path JVMS = Path.of("/usr/lib/jvm");

    private NspawnCommand() {}

    static List<String> argv(Path rootfs, String name, Path loopNodes, List<BindMount> extra) {
        List<String> argv = new ArrayList<>(List.of(
                // setsid makes nspawn lead its own process group, so the group can be killed as one.
                SETSID.toString(),
                NSPAWN.toString(),
                "--directory=" + rootfs,
                // Every boot starts from the untouched template; all writes vanish at power-off.
                "--volatile=overlay",
                "--boot",
                "--machine=" + name,
                "--hostname=" + name,
                // There is no systemd on the machine to register with or to put the container in a unit.
                "--register=no",
                "--keep-unit",
                "--console=passive",
                "--bind=/dev/loop-control"));
        for (Path node : loopNodes(loopNodes)) {
            argv.add("--bind=" + node + ":/dev/" + node.getFileName());
        }
        for (BindMount bind : jdkMounts()) {
            argv.add(bind.nspawnOption());
        }
        for (BindMount bind : extra) {
            if (!Files.exists(bind.hostPath())) {
                throw new TestHostException("cannot bind " + bind.hostPath() + " into the container at "
                        + bind.containerPath() + ": it does not exist on this machine");
            }
            argv.add(bind.nspawnOption());
        }
        return argv;
    }

    /**
     * The machine's JDKs at the same paths, so {@code java.home} works inside too. Debian's JDK links its
     * configuration and CA certificates into /etc, so those come along. Each JDK directory is bound on its own,
     * not /usr/lib/jvm as a whole: the container's own Java runtime (the root file system has the release's, which
     * the Debian package's Depends ask for) stays visible next to them.
     */
    static List<BindMount> jdkMounts() {
        List<BindMount> mounts = new ArrayList<>();
        for (Path jdk : directoriesIn(JVMS)) {
            mounts.add(new BindMount(jdk, jdk.toString(), true));
        }
        Path javaHome = realPath(Path.of(System.getProperty("java.home")));
        if (!javaHome.startsWith(JVMS)) {
            mounts.add(new BindMount(javaHome, javaHome.toString(), true));
        }
        try (Stream<Path> etc = Files.list(Path.of("/etc"))) {
            etc.filter(p -> p.getFileName().toString().startsWith("java-") && Files.isDirectory(p))
                    .sorted()
                    .forEach(p -> mounts.add(new BindMount(p, p.toString(), true)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path certs = Path.of("/etc/ssl/certs/java");
        if (Files.isDirectory(certs)) {
            mounts.add(new BindMount(certs, certs.toString(), true));
        }
        return mounts;
    }

    /** The directories directly in {@code dir} (not symbolic links to them), sorted; none if it is missing. */
    static List<Path> directoriesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static List<Path> loopNodes(Path dir) {
        try (Stream<Path> nodes = Files.list(dir)) {
            List<Path> found = nodes.filter(p -> p.getFileName().toString().matches("loop[0-9]+"))
                    .sorted(Comparator.comparingInt(
                            p -> Integer.parseInt(p.getFileName().toString().substring(4))))
                    .toList();
            if (found.isEmpty()) {
                throw new TestHostException("no loop device nodes in " + dir + "; run scripts/prepare-test-host.sh");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list loop device nodes in " + dir, e);
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve java.home " + path, e);
        }
    }
}

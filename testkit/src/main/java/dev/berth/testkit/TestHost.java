package dev.berth.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine side of the test host: finds the repository and runs {@code scripts/prepare-test-host.sh}, which
 * installs what is missing, builds or reuses the cached root file system and makes the loop device nodes.
 */
public final class TestHost {
    /** System property naming the repository root when the working directory is outside it. */
    public static final String REPO_PROPERTY = "berth.repo";

    static final String SCRIPT = "scripts/prepare-test-host.sh";
    // A cold root file system build downloads about 150 MB of packages.
    private static final Duration PREPARE_TIMEOUT = Duration.ofMinutes(20);
    private static final Logger log = LoggerFactory.getLogger(TestHost.class);

    private TestHost() {}

    /** The repository root: {@value #REPO_PROPERTY} if set, else the nearest directory up holding the script. */
    public static Path repoRoot() {
        String property = System.getProperty(REPO_PROPERTY);
        if (property != null && !property.isBlank()) {
            Path root = Path.of(property).toAbsolutePath().normalize();
            if (!Files.isRegularFile(root.resolve(SCRIPT))) {
                throw new TestHostException("system property " + REPO_PROPERTY + "=" + property
                        + " is not the Berth repository: no " + SCRIPT + " there");
            }
            return root;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir;
            }
        }
        throw new TestHostException("cannot find " + SCRIPT + " in " + start + " or any directory above it; run the"
                + " tests inside the Berth repository or set -D" + REPO_PROPERTY + "=/path/to/berth");
    }

    /**
     * Runs the preparation script for {@code suite} and returns its root file system. Cheap when everything is in
     * place; the first run for a suite builds the root file system, which takes about a minute.
     */
    public static Path rootfs(Suite suite) {
        Path script = repoRoot().resolve(SCRIPT);
        log.debug("running {} {}", script, suite.codename());
        long started = System.nanoTime();
        CommandResult result = Command.of(List.of(script.toString(), suite.codename()))
                .withTimeout(PREPARE_TIMEOUT)
                .run();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (took.compareTo(Duration.ofSeconds(5)) > 0) {
            log.info(
                    "prepared the test host for {} in {} s:\n{}",
                    suite.codename(),
                    took.toSeconds(),
                    result.stderr().strip());
        }
        if (!result.ok()) {
            throw new TestHostException("the test host is not ready for " + suite.codename()
                    + "; fix what the script reports and run it as root: sudo " + script + " " + suite.codename()
                    + "\n" + result.describe());
        }
        List<String> lines = result.stdout().strip().lines().toList();
        Path rootfs = Path.of(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        if (!rootfs.isAbsolute() || !Files.isDirectory(rootfs.resolve("usr/lib/systemd"))) {
            throw new TestHostException("the preparation script printed no usable root file system for "
                    + suite.codename() + "\n" + result.describe());
        }
        return rootfs;
    }

    /** The loop device nodes the script keeps beside the root file systems, safe from the kernel removing them. */
    static Path loopNodes(Path rootfs) {
        Path dir = rootfs.toAbsolutePath().resolve("../../loop-nodes").normalize();
        if (!Files.isDirectory(dir)) {
            throw new TestHostException("no loop device nodes in " + dir + "; run: sudo "
                    + repoRoot().resolve(SCRIPT) + " bookworm");
        }
        return dir;
    }
}

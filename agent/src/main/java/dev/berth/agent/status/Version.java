package dev.berth.agent.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Berth's version and the git commit it was built from. The build records both in {@value #RESOURCE} next to this
 * class ({@link #record}); a build from a source tarball has no git and records the commit as "unknown".
 */
public final class Version {
    static final String RESOURCE = "version.properties";
    private static final Properties BUILD = load();

    private Version() {}

    /** The version, e.g. 0.1.0; "development" when not built by Maven (an IDE). */
    public static String current() {
        return BUILD.getProperty("version", "development");
    }

    /** The abbreviated commit id, or "unknown". */
    public static String commit() {
        return BUILD.getProperty("commit", "unknown");
    }

    /** What {@code berth --version} prints: {@code berth 0.1.0 (commit abc1234)}. */
    public static String describe() {
        return "berth " + current() + " (commit " + commit() + ")";
    }

    /** Writes the resource into the class directory {@code classes}; run by the build. */
    public static void record(Path classes, String version, String commit) throws IOException {
        Path file = classes.resolve(Version.class.getPackageName().replace('.', '/'))
                .resolve(RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "version=" + version + "\ncommit=" + commit + "\n");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Berth's " + RESOURCE + " from its jar", e);
        }
        return properties;
    }
}

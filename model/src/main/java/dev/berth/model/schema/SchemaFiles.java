package dev.berth.model.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The schemas checked in under the repository's schemas/ directory, and how tests hold them to what the
 * generators produce: a test reports a stale file, and rewrites it when run with {@code -Dberth.schemas.write=true}.
 */
public final class SchemaFiles {
    public static final String WRITE = "berth.schemas.write";

    private SchemaFiles() {}

    /** schemas/ at the repository root, found from the module directory a test runs in. */
    public static Path directory() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("schemas")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p.resolve("schemas");
            }
        }
        throw new IllegalStateException(
                "no schemas/ directory above " + Path.of("").toAbsolutePath());
    }

    /**
     * Why the checked-in {@code name} is not {@code generated}, with the command that regenerates it; empty when it
     * is current, or after writing it when the {@value #WRITE} system property is true.
     */
    public static Optional<String> stale(String name, String generated, String module, String test) {
        Path file = directory().resolve(name);
        try {
            if (Boolean.getBoolean(WRITE)) {
                Files.writeString(file, generated, StandardCharsets.UTF_8);
                return Optional.empty();
            }
            String current = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (current.equals(generated)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of("schemas/" + name + " differs from what the code generates; regenerate it with: mvn -B -ntp"
                + " -o test -pl " + module + " -am -Dtest=" + test + " -Dsurefire.failIfNoSpecifiedTests=false -D"
                + WRITE + "=true");
    }
}

package dev.berth.e2e;

import java.nio.file.Path;

/** Paths in the Berth repository the tests run from. */
final class Repo {
    private Repo() {}

    static Path root() {
        return Path.of(System.getProperty("berth.repo", "..")).toAbsolutePath().normalize();
    }

    static Path examples() {
        return root().resolve("examples");
    }
}

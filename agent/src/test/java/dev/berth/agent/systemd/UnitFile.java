package dev.berth.agent.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shipped packaging/berth-agent.service, read as systemd reads its ExecStart= line. */
final class UnitFile {
    private UnitFile() {}

    static Path packaging() {
        return Path.of(System.getProperty("berth.repo", ".."))
                .toAbsolutePath()
                .normalize()
                .resolve("packaging");
    }

    static String text() {
        try {
            return Files.readString(packaging().resolve("berth-agent.service"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The words of ExecStart=, continuation lines joined. */
    static List<String> execStart() {
        String joined = text().replace("\\\n", " ");
        for (String line : joined.split("\n", -1)) {
            if (line.startsWith("ExecStart=")) {
                return List.of(line.substring("ExecStart=".length()).trim().split("\\s+", -1));
            }
        }
        throw new IllegalStateException("no ExecStart= in berth-agent.service");
    }

    /** The JVM flags of ExecStart=: everything between the java binary and {@code -jar}. */
    static List<String> jvmFlags() {
        List<String> words = execStart();
        int jar = words.indexOf("-jar");
        if (jar < 1) {
            throw new IllegalStateException("ExecStart= of berth-agent.service does not run java -jar: " + words);
        }
        return new ArrayList<>(words.subList(1, jar));
    }
}

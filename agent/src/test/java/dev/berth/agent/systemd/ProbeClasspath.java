package dev.berth.agent.systemd;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Context;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * What a probe main of this package needs to run inside a container: this module's classes and test classes and the
 * jars of JNA, SLF4J and logback, copied into one directory that is bound into the container.
 */
final class ProbeClasspath {
    static final String MOUNT = "/opt/probe";

    private ProbeClasspath() {}

    /** Copies everything into {@code dir}; returns the class path as seen at {@link #MOUNT} in the container. */
    static String prepare(Path dir) {
        List<String> entries = new ArrayList<>();
        try {
            for (Class<?> type : List.of(
                    SystemdNotifier.class,
                    NotifyProbe.class,
                    Native.class,
                    LoggerFactory.class,
                    LoggerContext.class,
                    Context.class)) {
                Path source = Path.of(
                        type.getProtectionDomain().getCodeSource().getLocation().toURI());
                String name = source.getFileName().toString();
                Path target = dir.resolve(name);
                if (!Files.exists(target)) {
                    copy(source, target);
                    entries.add(MOUNT + "/" + name);
                }
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot gather the probe's class path", e);
        }
        return String.join(":", entries);
    }

    private static void copy(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.copy(source, target);
            return;
        }
        try (Stream<Path> tree = Files.walk(source)) {
            tree.forEach(from -> {
                Path to = target.resolve(source.relativize(from).toString());
                try {
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(from, to);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

package dev.berth.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A process to run with a deadline, capturing what it writes. Immutable: each {@code with...} returns a new command.
 *
 * <pre>{@code
 * CommandResult r = Command.of("mksquashfs", "-version").withTimeout(Duration.ofSeconds(5)).run();
 * }</pre>
 */
public final class Command {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> argv;
    private final Duration timeout;
    private final @Nullable Path directory;
    private final @Nullable Map<String, String> environment;

    private Command(
            List<String> argv, Duration timeout, @Nullable Path directory, @Nullable Map<String, String> environment) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        this.argv = List.copyOf(argv);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.directory = directory;
        this.environment = environment == null ? null : Map.copyOf(environment);
    }

    public static Command of(String... argv) {
        return of(List.of(argv));
    }

    public static Command of(List<String> argv) {
        return new Command(argv, DEFAULT_TIMEOUT, null, null);
    }

    public Command withTimeout(Duration timeout) {
        return new Command(argv, timeout, directory, environment);
    }

    public Command withDirectory(Path directory) {
        return new Command(argv, timeout, directory, environment);
    }

    /** Runs with exactly these variables instead of inheriting this JVM's environment. */
    public Command withEnvironment(Map<String, String> environment) {
        return new Command(argv, timeout, directory, environment);
    }

    public List<String> argv() {
        return argv;
    }

    /**
     * Runs the command to its end. A non-zero exit is a result, not an error; a command that cannot start or
     * outlives its timeout (it is then killed with its descendants) throws {@link TestHostException}.
     */
    public CommandResult run() {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("berth-cmd-", ".out");
            err = Files.createTempFile("berth-cmd-", ".err");
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            if (environment != null) {
                builder.environment().clear();
                builder.environment().putAll(environment);
            }
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new TestHostException("`" + String.join(" ", argv) + "` did not finish within " + timeout
                        + " and was killed\nstdout so far:\n" + read(out) + "\nstderr so far:\n" + read(err));
            }
            return new CommandResult(argv, process.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new TestHostException("cannot run `" + String.join(" ", argv) + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestHostException("interrupted while running `" + String.join(" ", argv) + "`", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Runs the command and throws {@link TestHostException} with all of its output unless it exits 0. */
    public CommandResult runOk() {
        return run().orThrow();
    }

    private static String read(Path file) throws IOException {
        // Lenient decoding: a stray byte in a tool's output must not turn into an exception here.
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(@Nullable Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover temporary file must not hide the command's own outcome.
            }
        }
    }
}

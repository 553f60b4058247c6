package dev.berth.fetchers.git;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a password or token is kept: a file or an environment variable. It is read on every use, so a rotated
 * token is picked up without a restart, and its value never appears in {@link #toString()} or in a message.
 */
public final class Secret {
    // Exactly one of the two is set.
    private final @Nullable Path file;
    private final @Nullable String variable;

    private Secret(@Nullable Path file, @Nullable String variable) {
        this.file = file;
        this.variable = variable;
    }

    /** The content of {@code file}, without its trailing line break. */
    public static Secret fromFile(Path file) {
        return new Secret(Objects.requireNonNull(file, "file"), null);
    }

    /** The value of the environment variable {@code name}. */
    public static Secret fromEnvironment(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not an environment variable name: " + name);
        }
        return new Secret(null, name);
    }

    /** Reads the value now; failures name the file or variable, never a value. */
    String reveal() {
        Path f = file;
        String value = f != null ? readFile(f) : System.getenv(variable);
        if (value == null) {
            throw new BerthException(
                    Reason.SourceUnavailable,
                    "the environment variable " + variable + " that should hold the git credential is not set");
        }
        value = value.strip();
        if (value.isEmpty()) {
            throw new BerthException(Reason.SourceUnavailable, "the git credential in " + this + " is empty");
        }
        return value;
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BerthException(
                    Reason.SourceUnavailable, "the git credential file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new BerthException(
                    Reason.SourceUnavailable,
                    "cannot read the git credential file " + file + " ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    @Override
    public String toString() {
        return file != null ? "file " + file : "environment variable " + variable;
    }
}

package dev.berth.testkit;

import java.util.List;
import java.util.Objects;

/** What a finished command did: its exit code and everything it wrote. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {
    public CommandResult {
        command = List.copyOf(command);
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** This result when the command exited 0; otherwise a {@link TestHostException} with all of its output. */
    public CommandResult orThrow() {
        if (!ok()) {
            throw new TestHostException(describe());
        }
        return this;
    }

    /** The command, its exit code and its output, for failure messages. */
    public String describe() {
        return "`" + String.join(" ", command) + "` exited with " + exitCode + section("stdout", stdout)
                + section("stderr", stderr);
    }

    private static String section(String name, String text) {
        return text.isBlank() ? "\n" + name + ": (empty)" : "\n" + name + ":\n" + text.stripTrailing();
    }
}

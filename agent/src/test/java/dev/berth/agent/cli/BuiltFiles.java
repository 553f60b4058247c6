package dev.berth.agent.cli;

import dev.berth.agent.Main;
import dev.berth.testkit.Command;
import java.nio.file.Path;
import picocli.CommandLine;

/** What the build wrote under agent/target (BuildFiles, at process-classes), and the command line it wrote it from. */
final class BuiltFiles {
    static final Path TARGET = Path.of(System.getProperty("berth.repo", ".."), "agent", "target");
    static final Path MAN = TARGET.resolve("man");
    static final Path COMPLETION = TARGET.resolve("completion");

    private BuiltFiles() {}

    static CommandLine commandLine() {
        return Main.commandLine((settings, downloaded) -> {
            throw new AssertionError("no test here opens a host");
        });
    }

    static boolean installed(String program) {
        return Command.of("sh", "-c", "command -v " + program).run().ok();
    }
}

package dev.berth.agent;

import dev.berth.agent.cli.Completion;
import dev.berth.agent.cli.ManPage;
import dev.berth.agent.status.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Writes what the build derives from the code; the agent module's pom runs it after compiling, before the tests: the
 * version and git commit {@code --version} prints, and the man pages and shell completion, from the same command line
 * (the one {@link Main#commandLine} builds) as {@code --help}.
 */
public final class BuildFiles {
    private BuildFiles() {}

    /** Arguments: the build directory (target), the class directory, the version, the source tree. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: BuildFiles TARGET CLASSES VERSION SOURCE-TREE");
        }
        Path target = Path.of(args[0]);
        String version = args[2];
        Version.record(Path.of(args[1]), version, commit(Path.of(args[3])));
        CommandLine cli = Main.commandLine((settings, downloaded) -> {
            throw new IllegalStateException("building the documentation opens no host");
        });
        Path man = target.resolve("man");
        replaceAll(man, ManPage.all(cli, version, date(Path.of(args[3]))));
        replaceAll(
                target.resolve("completion"),
                Map.of(cli.getCommandName(), Completion.bash(cli), "_" + cli.getCommandName(), Completion.zsh(cli)));
    }

    /**
     * The abbreviated id of the commit checked out in {@code tree}, or "unknown" when {@code tree} is no git checkout
     * (a source tarball) or git is missing.
     */
    static String commit(Path tree) throws InterruptedException {
        return git(tree, "rev-parse", "--short", "HEAD")
                .filter(id -> id.matches("[0-9a-f]{4,40}"))
                .orElse("unknown");
    }

    /** The day of the commit checked out in {@code tree} (so a rebuild writes the same pages), else today. */
    static String date(Path tree) throws InterruptedException {
        return git(tree, "log", "-1", "--format=%cs")
                .filter(day -> day.matches("\\d{4}-\\d{2}-\\d{2}"))
                .orElseGet(() -> LocalDate.now(ZoneOffset.UTC).toString());
    }

    private static Optional<String> git(Path tree, String... args) throws InterruptedException {
        if (!Files.exists(tree.resolve(".git"))) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of("git", "-C", tree.toString()));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException noGit) {
            return Optional.empty();
        }
    }

    /** Makes {@code dir} hold exactly {@code files}, so a removed command leaves no stale page. */
    private static void replaceAll(Path dir, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
    }
}

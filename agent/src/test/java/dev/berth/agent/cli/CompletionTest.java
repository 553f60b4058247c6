package dev.berth.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.Command;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Tab completion in bash and zsh, from the same picocli definitions as --help. */
class CompletionTest {
    private static final Path BASH = BuiltFiles.COMPLETION.resolve("berth");
    private static final Path ZSH = BuiltFiles.COMPLETION.resolve("_berth");

    private final CommandLine cli = BuiltFiles.commandLine();

    @Test
    void theBuildWroteTheScriptsOfTheCurrentDefinitions() {
        assertThat(BASH).hasContent(Completion.bash(cli));
        assertThat(ZSH).hasContent(Completion.zsh(cli));
    }

    @Test
    void theBashScriptIsSourcedNotRunSoItHasNoInterpreterLine() {
        assertThat(Completion.bash(cli)).doesNotStartWith("#!").contains("_complete_berth()");
    }

    @Test
    void bashCompletesCommandsOptionsAndTheirValues() {
        assertThat(bash("berth", "pl")).containsExactly("plan");
        assertThat(bash("berth", ""))
                .containsExactlyElementsOf(cli.getSubcommands().keySet());
        assertThat(bash("berth", "plan", "--ma")).containsExactly("--manifest");
        assertThat(bash("berth", "apply", "--git-token-")).containsExactly("--git-token-file", "--git-token-env");
        assertThat(bash("berth", "status", "--output", "")).containsExactly("text", "json");
    }

    @Test
    void zshCompletesThroughTheSameFunctions() {
        assertTrue(
                BuiltFiles.installed("zsh"), "zsh is not installed here: apt-get install zsh (scripts/test.sh does)");

        assertThat(zsh("berth", "pl")).containsExactly("plan");
        assertThat(zsh("berth", ""))
                .containsExactlyElementsOf(cli.getSubcommands().keySet());
        assertThat(zsh("berth", "plan", "--ma")).containsExactly("--manifest");
        assertThat(zsh("berth", "status", "--output", "")).containsExactly("text", "json");
    }

    /** What bash offers for the last word of {@code words}. */
    private static List<String> bash(String... words) {
        String script = "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _complete_berth;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"";
        return lines(Command.of(concat(List.of("bash", "-c", script, "bash", BASH.toString()), words))
                .runOk()
                .stdout());
    }

    /**
     * What zsh offers for the last word of {@code words}: _berth runs in a completion context made by hand, with
     * compadd (which needs the line editor) replaced by one that prints the candidates matching the word, and
     * compinit's compdef (which only registers _berth for later) by nothing.
     */
    private static List<String> zsh(String... words) {
        String script = "fpath=(\"$1\" $fpath); shift; compdef() { :; }; autoload -U _berth;"
                + " compadd() { local i=${@[(i)-]}; print -rl -- ${(M)@[i+1,-1]:#${words[CURRENT]}*}; };"
                + " words=(\"$@\"); CURRENT=$#; _berth";
        List<String> argv = List.of("zsh", "-f", "-c", script, "zsh", BuiltFiles.COMPLETION.toString());
        return lines(Command.of(concat(argv, words)).runOk().stdout());
    }

    private static List<String> concat(List<String> head, String... tail) {
        return Stream.concat(head.stream(), Arrays.stream(tail)).toList();
    }

    private static List<String> lines(String out) {
        return out.lines().filter(line -> !line.isBlank()).toList();
    }
}

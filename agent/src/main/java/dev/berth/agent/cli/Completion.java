package dev.berth.agent.cli;

import picocli.AutoComplete;
import picocli.CommandLine;

/** Shell completion for berth, generated from the same picocli definitions as {@code --help}. */
public final class Completion {
    private Completion() {}

    /**
     * The bash completion script (picocli's); it defines {@code _complete_berth}. Without picocli's {@code #!} line:
     * bash-completion sources the file, never runs it (lintian's bash-completion-with-hashbang).
     */
    public static String bash(CommandLine cli) {
        String script = AutoComplete.bash(cli.getCommandName(), cli);
        return script.startsWith("#!") ? script.substring(script.indexOf('\n') + 1) : script;
    }

    /**
     * The zsh completion function {@code _berth}, for a directory in zsh's fpath: the bash script, run through zsh's
     * bashcompinit, which picocli's script supports.
     */
    public static String zsh(CommandLine cli) {
        String name = cli.getCommandName();
        return "#compdef " + name + "\n"
                + "# zsh completion for " + name + ": its bash completion below, run through bashcompinit.\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + "# its compopt only tunes how bash lists the candidates; zsh has no such command\n"
                + "(( $+functions[compopt] )) || compopt() { return 0; }\n"
                + bash(cli)
                + "\n_bash_complete -o default -F _complete_" + name + "\n";
    }
}

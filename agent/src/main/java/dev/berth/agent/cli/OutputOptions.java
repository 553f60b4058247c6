package dev.berth.agent.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --output text|json} of a command, and the reporter that writes to the command's streams in that form. */
public final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--output", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Output output = Output.text;

    Reporter reporter() {
        return new Reporter(
                command.commandLine().getOut(), command.commandLine().getErr(), output);
    }
}

package dev.berth.agent;

import dev.berth.agent.cli.AgentCommand;
import dev.berth.agent.cli.ApplyCommand;
import dev.berth.agent.cli.BerthCommand;
import dev.berth.agent.cli.PlanCommand;
import dev.berth.agent.wiring.HostConnector;
import dev.berth.agent.wiring.SystemHostConnector;
import picocli.CommandLine;

/** Entry point of berth.jar. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(new SystemHostConnector(), args));
    }

    /** Runs the command line against {@code connector}; returns the exit code. */
    public static int run(HostConnector connector, String... args) {
        return commandLine(connector).execute(args);
    }

    /** The command line; every command that touches the host opens it through {@code connector}. */
    public static CommandLine commandLine(HostConnector connector) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == PlanCommand.class) {
                    return type.cast(new PlanCommand(connector));
                }
                if (type == ApplyCommand.class) {
                    return type.cast(new ApplyCommand(connector));
                }
                if (type == AgentCommand.class) {
                    return type.cast(new AgentCommand(connector));
                }
                return defaults.create(type);
            }
        };
        return new CommandLine(new BerthCommand(), factory).setCaseInsensitiveEnumValuesAllowed(true);
    }
}

package dev.berth.agent.cli;

import ch.qos.logback.classic.Level;
import dev.berth.agent.config.Settings;
import dev.berth.agent.config.SettingsFile;
import dev.berth.agent.daemon.Daemon;
import dev.berth.agent.systemd.Logging;
import dev.berth.agent.systemd.SystemdNotifier;
import dev.berth.agent.trigger.TriggerSecret;
import dev.berth.agent.wiring.Assembly;
import dev.berth.agent.wiring.HostConnector;
import dev.berth.agent.wiring.MachineFiles;
import dev.berth.model.BerthException;
import dev.berth.model.fleet.HostIdentity;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The long-running agent that keeps this host converged; normally started by berth-agent.service. */
@Command(
        name = "agent",
        description = {
            "Keep this host converged: a pass every interval, on SIGHUP and when the"
                    + " manifest file changes. Normally run by systemd as berth-agent.service."
        })
public final class AgentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = Settings.DEFAULT_FILE_NAME,
            description = "The agent's configuration (default: ${DEFAULT-VALUE}).")
    Path config = Settings.DEFAULT_FILE;

    @Option(
            names = "--check",
            description = "Only check the configuration and this host's identity (hostname, /etc/machine-id): exit 0"
                    + " when valid, 1 with every problem.")
    boolean check;

    @Option(
            names = "--log-level",
            defaultValue = "INFO",
            description = "ERROR, WARN, INFO or DEBUG (default: ${DEFAULT-VALUE}).")
    String logLevel = "INFO";

    private final HostConnector connector;

    public AgentCommand(HostConnector connector) {
        this.connector = connector;
    }

    @Override
    public Integer call() throws Exception {
        Reporter reporter =
                new Reporter(spec.commandLine().getOut(), spec.commandLine().getErr(), Output.text);
        Settings parsed;
        try {
            parsed = SettingsFile.read(config);
            parsed.requireSource("berth agent");
            parsed.triggerSecretFile().ifPresent(TriggerSecret::read);
            if (check) {
                HostIdentity host = Assembly.identity(parsed, MachineFiles.SYSTEM);
                reporter.out.println(config + ": valid, for host " + host.describe());
                reporter.out.flush();
                return 0;
            }
        } catch (BerthException e) {
            return reporter.fail(e);
        }
        Logging.configureForDaemon(Level.toLevel(logLevel, Level.INFO));
        try {
            return new Daemon(parsed, connector, SystemdNotifier.fromEnvironment()).run();
        } catch (BerthException e) {
            return reporter.fail(e);
        }
    }
}

package dev.berth.agent.cli;

import dev.berth.agent.status.AgentStatus;
import dev.berth.agent.status.StatusFile;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What the agent last did, per image. */
@Command(
        name = "status",
        description = {
            "Show what the agent last did: per image the desired and attached version,"
                    + " profile, state, health and last error; the source revision and the last pass.",
            "Exit 0 when the last pass converged, 1 otherwise."
        })
public final class StatusCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            defaultValue = "/var/lib/berth",
            description = "The agent's state directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--output", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Output output;

    @Override
    public Integer call() {
        Reporter reporter =
                new Reporter(spec.commandLine().getOut(), spec.commandLine().getErr(), output);
        StatusFile file = new StatusFile(stateDir);
        Optional<AgentStatus> status = file.read();
        if (status.isEmpty()) {
            reporter.err.println("error: no agent status in " + file.path() + ": the agent has not finished a pass"
                    + " yet; is it running? (systemctl status berth-agent, journalctl -u berth-agent)");
            reporter.err.flush();
            return 1;
        }
        if (reporter.json()) {
            reporter.print(StatusText.json(status.get()));
        } else {
            StatusText.lines(status.get()).forEach(reporter.out::println);
            reporter.out.flush();
        }
        return status.get().lastPass().outcome().equals("CONVERGED") ? 0 : 1;
    }
}

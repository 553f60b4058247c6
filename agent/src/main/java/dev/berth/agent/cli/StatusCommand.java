package dev.berth.agent.cli;

import dev.berth.agent.status.AgentStatus;
import dev.berth.agent.status.StatusFile;
import dev.berth.model.BerthException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The agent's configuration (default: /etc/berth/agent.yaml when it exists).")
    @Nullable
    Path config;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "The agent's state directory (default: the configuration's stateDir, else /var/lib/berth).")
    @Nullable
    Path stateDir;

    @Option(names = "--output", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Output output = Output.text;

    @Override
    public Integer call() {
        Reporter reporter =
                new Reporter(spec.commandLine().getOut(), spec.commandLine().getErr(), output);
        StatusFile file;
        try {
            file = new StatusFile(
                    stateDir != null ? stateDir : SettingsOptions.read(config).stateDir());
        } catch (BerthException e) {
            return reporter.fail(e);
        }
        return file.read().accept(new StatusFile.Visitor<>() {
            @Override
            public Integer missing() {
                return fail("no agent status in " + file.path() + ": the agent has not finished a pass yet; is it"
                        + " running? (systemctl status berth-agent, journalctl -u berth-agent)");
            }

            @Override
            public Integer unreadable(String why) {
                return fail(file.path() + " is unreadable (" + why + "): the agent replaces it after its next pass;"
                        + " if it stays so, move it away and check the agent (journalctl -u berth-agent)");
            }

            @Override
            public Integer fromNewerBerth(int schema) {
                return fail(file.path() + " was written by a newer Berth (status schema " + schema + ", this berth"
                        + " reads " + AgentStatus.SCHEMA + "): run the berth the agent runs, or upgrade this one");
            }

            @Override
            public Integer read(AgentStatus status) {
                if (reporter.json()) {
                    reporter.print(StatusText.json(status));
                } else {
                    StatusText.lines(status).forEach(reporter.out::println);
                    reporter.out.flush();
                }
                return status.lastPass().outcome().equals("CONVERGED") ? 0 : 1;
            }

            private Integer fail(String message) {
                reporter.err.println("error: " + message);
                reporter.err.flush();
                return 1;
            }
        });
    }
}

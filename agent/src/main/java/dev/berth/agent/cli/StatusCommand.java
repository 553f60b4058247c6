package dev.berth.agent.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.agent.render.SuspensionView;
import dev.berth.agent.state.FileSuspensions;
import dev.berth.agent.status.AgentStatus;
import dev.berth.agent.status.StatusFile;
import dev.berth.model.BerthException;
import dev.berth.model.fleet.MaintenanceWindows;
import dev.berth.model.state.Suspension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** What the agent last did, per image. */
@Command(
        name = "status",
        description = {
            "Show what the agent last did: per image the desired and attached version,"
                    + " profile, state, health and last error; the source revision and the last pass;"
                    + " who suspended the host, why and until when, while it is suspended; and the configured"
                    + " maintenance windows, and whether one is open now.",
            "Exit 0 when the last pass converged, 1 otherwise."
        })
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    StateOptions state = new StateOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    private final Clock clock;

    public StatusCommand() {
        this(Clock.systemUTC());
    }

    StatusCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Reporter reporter = output.reporter();
        StatusFile file;
        Optional<Suspension> suspension;
        MaintenanceWindows windows;
        Instant now = clock.instant();
        try {
            Path stateDir = state.stateDir();
            file = new StatusFile(stateDir);
            suspension = new FileSuspensions(stateDir).current(now);
            windows = windows(reporter);
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
                    ObjectNode json = StatusText.json(status, windows, now);
                    suspension.ifPresent(s -> json.set("suspension", SuspensionView.json(s)));
                    reporter.print(json);
                } else {
                    suspension.ifPresent(s -> reporter.out.println(SuspensionView.describe(s)));
                    StatusText.lines(status, windows, now).forEach(reporter.out::println);
                    reporter.out.flush();
                }
                return status.lastPass().outcome().equals("CONVERGED") ? 0 : 1;
            }

            /** Says the host is suspended even when there is no status to show with it. */
            private Integer fail(String message) {
                suspension.ifPresent(s -> {
                    if (reporter.json()) {
                        reporter.print(JsonNodeFactory.instance.objectNode().set("suspension", SuspensionView.json(s)));
                    } else {
                        reporter.out.println(SuspensionView.describe(s));
                        reporter.out.flush();
                    }
                });
                reporter.err.println("error: " + message);
                reporter.err.flush();
                return 1;
            }
        });
    }

    /**
     * The configured maintenance windows. With --state-dir the status does not need the configuration, so one that
     * does not read only costs the windows' line, with a warning; without it, the state directory itself is unknown.
     */
    private MaintenanceWindows windows(Reporter reporter) {
        try {
            return SettingsOptions.read(state.config).maintenance();
        } catch (BerthException e) {
            if (state.stateDir == null) {
                throw e;
            }
            reporter.err.println("warning: maintenance windows not shown: " + e.getMessage());
            reporter.err.flush();
            return MaintenanceWindows.NONE;
        }
    }
}

package dev.berth.agent.cli;

import dev.berth.agent.Host;
import dev.berth.agent.HostConnector;
import dev.berth.agent.Reconcilers;
import dev.berth.model.BerthException;
import dev.berth.model.plan.Plan;
import dev.berth.reconciler.port.SourceSnapshot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows what apply would change; changes nothing. */
@Command(
        name = "plan",
        description = {
            "Show what apply would change.",
            "Exit 0 when nothing is to do, 2 when there are changes, 1 on error or when an image is refused."
        })
public final class PlanCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Mixin
    HostOptions host;

    @Option(names = "--output", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Output output;

    private final HostConnector connector;

    public PlanCommand(HostConnector connector) {
        this.connector = connector;
    }

    @Override
    public Integer call() {
        Reporter reporter =
                new Reporter(spec.commandLine().getOut(), spec.commandLine().getErr(), output);
        try {
            SourceSnapshot snapshot = source.read(host);
            Plan plan;
            try (Host opened = connector.open(host, bytes -> {})) {
                plan = Reconcilers.oneShot(opened, dev.berth.reconciler.port.ReconcileListener.NONE)
                        .plan(snapshot.manifest());
            }
            print(reporter, snapshot, plan);
            if (!plan.refused().isEmpty() || Reporter.refused(snapshot)) {
                return 1;
            }
            return plan.isEmpty() ? 0 : 2;
        } catch (BerthException e) {
            return reporter.fail(e);
        }
    }

    static void print(Reporter reporter, SourceSnapshot snapshot, Plan plan) {
        if (reporter.json()) {
            reporter.print(Reporter.source(PlanJson.of(plan), snapshot));
            return;
        }
        reporter.source(snapshot);
        if (plan.isEmpty()) {
            reporter.out.println("No changes: the host matches the manifest ("
                    + snapshot.manifest().images().size() + " images).");
        } else {
            reporter.out.println("Plan: " + PlanText.summary(plan));
        }
        PlanText.lines(plan).forEach(reporter.out::println);
        reporter.out.flush();
    }
}

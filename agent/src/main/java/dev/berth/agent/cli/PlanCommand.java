package dev.berth.agent.cli;

import dev.berth.agent.config.Settings;
import dev.berth.agent.render.PlanJson;
import dev.berth.agent.render.PlanText;
import dev.berth.agent.wiring.Assembly;
import dev.berth.agent.wiring.HostConnector;
import dev.berth.model.BerthException;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.plan.Plan;
import dev.berth.reconciler.port.ReconcileListener;
import dev.berth.reconciler.port.SourceSnapshot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Shows what apply (and the agent) would change, under the agent's configuration; changes nothing. */
@Command(
        name = "plan",
        description = {
            "Show what apply (and the agent) would change, under the agent's configuration. Changes nothing.",
            "Exit 0 when nothing is to do, 2 when there are changes, 1 on error or when an image is refused."
        })
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    private final HostConnector connector;

    public PlanCommand(HostConnector connector) {
        this.connector = connector;
    }

    @Override
    public Integer call() {
        Reporter reporter = output.reporter();
        try {
            Settings resolved = source.applyTo(settings.resolve());
            SourceSnapshot snapshot;
            Plan plan;
            HostIdentity host;
            try (Assembly assembly = Assembly.open(resolved, connector, bytes -> {})) {
                host = assembly.identity();
                snapshot = assembly.source("berth plan").read();
                plan = assembly.reconciler(ReconcileListener.NONE).plan(snapshot.manifest());
            }
            print(reporter, host, snapshot, plan);
            if (!plan.refused().isEmpty() || Reporter.refused(snapshot)) {
                return 1;
            }
            return plan.isEmpty() ? 0 : 2;
        } catch (BerthException e) {
            return reporter.fail(e);
        }
    }

    static void print(Reporter reporter, HostIdentity host, SourceSnapshot snapshot, Plan plan) {
        if (reporter.json()) {
            reporter.print(Reporter.source(PlanJson.of(plan).set("host", PlanJson.host(host)), snapshot));
            return;
        }
        reporter.out.println("Host: " + host.describe());
        reporter.source(snapshot);
        int images = snapshot.manifest().images().size();
        if (!plan.isEmpty()) {
            reporter.out.println("Plan: " + PlanText.summary(plan));
        } else if (plan.refused().isEmpty()) {
            reporter.out.println("No changes: the host matches the manifest (" + images + " images).");
        } else {
            reporter.out.println("No changes can be made: " + plan.refused().size() + " of " + images
                    + " images refused, the host does not match the manifest.");
        }
        PlanText.lines(plan).forEach(reporter.out::println);
        reporter.out.flush();
    }
}

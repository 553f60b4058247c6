package dev.berth.agent.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.agent.Host;
import dev.berth.agent.HostConnector;
import dev.berth.agent.Reconcilers;
import dev.berth.model.BerthException;
import dev.berth.reconciler.Pass;
import dev.berth.reconciler.Reconciler;
import dev.berth.reconciler.port.ReconcileListener;
import dev.berth.reconciler.port.SourceSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Converges the host to the manifest in one pass. */
@Command(
        name = "apply",
        description = {
            "Converge the host to the manifest in one pass.",
            "Exit 0 when the host matches the manifest afterwards, 1 otherwise."
        })
public final class ApplyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Mixin
    HostOptions host;

    @Option(names = "--output", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Output output;

    @Option(
            names = "--retry",
            description = "Try again the changes that failed before (normally not retried until"
                    + " their manifest entry changes).")
    boolean retry;

    @Option(
            names = "--metrics-file",
            paramLabel = "PATH",
            description = "Also write the pass's metrics to PATH (Prometheus text, written atomically), for"
                    + " node_exporter's textfile collector.")
    Path metricsFile;

    private final HostConnector connector;

    public ApplyCommand(HostConnector connector) {
        this.connector = connector;
    }

    @Override
    public Integer call() {
        Reporter reporter =
                new Reporter(spec.commandLine().getOut(), spec.commandLine().getErr(), output);
        OneShotMetrics metrics = new OneShotMetrics(Optional.ofNullable(metricsFile));
        Instant started = Instant.now();
        try {
            SourceSnapshot snapshot = source.read(host);
            ReconcileListener progress = reporter.json() ? ReconcileListener.NONE : new StepPrinter(reporter.out);
            Pass pass;
            try (Host opened = connector.open(host, metrics::downloaded)) {
                reporter.source(snapshot);
                Reconciler reconciler =
                        Reconcilers.oneShot(opened, ReconcileListener.all(progress, metrics.listener()));
                if (retry) {
                    reconciler.forgetFailures();
                }
                pass = reconciler.apply(snapshot.manifest());
            }
            metrics.write(started, Optional.of(snapshot), Optional.of(pass), Optional.empty());
            report(reporter, snapshot, pass);
            return pass.converged() && !Reporter.refused(snapshot) ? 0 : 1;
        } catch (BerthException e) {
            metrics.write(started, Optional.empty(), Optional.empty(), Optional.of(e));
            return reporter.fail(e);
        }
    }

    private static void report(Reporter reporter, SourceSnapshot snapshot, Pass pass) {
        if (reporter.json()) {
            ObjectNode node = Reporter.source(JsonNodeFactory.instance.objectNode(), snapshot);
            node.put("converged", pass.converged());
            node.set("plan", PlanJson.of(pass.plan()));
            pass.execution()
                    .completed()
                    .forEach(s -> node.withArray("completed").add(PlanJson.step(s)));
            pass.execution()
                    .failure()
                    .ifPresent(f -> node.putObject("failure")
                            .put("action", f.step().action().word())
                            .put("image", f.step().image().orElse(null))
                            .put("reason", f.error().reason().name())
                            .put("message", f.error().getMessage()));
            node.set("remaining", PlanJson.of(pass.remaining()));
            reporter.print(node);
            return;
        }
        boolean nothingToDo = pass.plan().isEmpty() && pass.plan().findings().isEmpty();
        pass.plan().findings().forEach(f -> reporter.out.println(PlanText.finding(f)));
        pass.execution()
                .failure()
                .ifPresent(f -> reporter.err.println(
                        "error: " + f.error().reason() + ": " + f.error().getMessage()));
        if (nothingToDo) {
            reporter.out.println("No changes: the host matches the manifest ("
                    + snapshot.manifest().images().size() + " images).");
        } else if (pass.converged()) {
            reporter.out.println("Converged: " + PlanText.summary(pass.plan()) + ", all done.");
        } else {
            reporter.out.println("Not converged. Still to do:");
            PlanText.lines(pass.remaining()).forEach(reporter.out::println);
        }
        reporter.out.flush();
        reporter.err.flush();
    }
}

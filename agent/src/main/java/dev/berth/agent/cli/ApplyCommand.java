package dev.berth.agent.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.agent.config.Settings;
import dev.berth.agent.render.OutcomeJson;
import dev.berth.agent.render.OutcomeText;
import dev.berth.agent.render.PlanJson;
import dev.berth.agent.render.PlanText;
import dev.berth.agent.render.UndoneView;
import dev.berth.agent.state.StateLock;
import dev.berth.agent.wiring.Assembly;
import dev.berth.agent.wiring.HostConnector;
import dev.berth.model.BerthException;
import dev.berth.reconciler.ImageOutcome;
import dev.berth.reconciler.Pass;
import dev.berth.reconciler.Reconciler;
import dev.berth.reconciler.loop.LoopListener;
import dev.berth.reconciler.loop.PassReport;
import dev.berth.reconciler.loop.QueueWakeup;
import dev.berth.reconciler.loop.Wakeup;
import dev.berth.reconciler.port.ReconcileListener;
import dev.berth.reconciler.port.SourceSnapshot;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Converges the host in one pass of the agent's own loop, under the agent's configuration and its lock: the same
 * policy, health gate with rollback, drift setting and downloads as the agent.
 */
@Command(
        name = "apply",
        description = {
            "Converge the host in one pass of the agent's loop, under the agent's configuration (policy, health gate"
                    + " and rollback, drift correction, downloads) and its lock.",
            "Exit 0 when the host matches the manifest afterwards, 1 otherwise (also when the agent or another apply"
                    + " holds the lock)."
        })
public final class ApplyCommand implements Callable<Integer> {
    static final String RUNNER = "berth apply";

    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

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
    @Nullable
    Path metricsFile;

    private final HostConnector connector;

    public ApplyCommand(HostConnector connector) {
        this.connector = connector;
    }

    @Override
    public Integer call() {
        Reporter reporter = output.reporter();
        OneShotMetrics metrics = new OneShotMetrics(Optional.ofNullable(metricsFile));
        try {
            Settings resolved = source.applyTo(settings.resolve());
            resolved.requireSource(RUNNER);
            PassReport report;
            try (Assembly assembly = Assembly.open(resolved, connector, metrics::downloaded);
                    StateLock lock = assembly.lockForChanges(RUNNER)) {
                metrics.host(
                        assembly.identity(),
                        resolved.metricsHostLabels(),
                        assembly.suspensions(),
                        assembly.host().clock());
                ReconcileListener progress = reporter.json() ? ReconcileListener.NONE : new StepPrinter(reporter.out);
                Reconciler reconciler = assembly.reconciler(ReconcileListener.all(progress, metrics.listener()));
                if (retry) {
                    reconciler.forgetFailures();
                }
                LoopListener listeners =
                        LoopListener.all(sourceLine(reporter), assembly.statusTracker(RUNNER), metrics);
                report = assembly.loop(assembly.source(RUNNER), reconciler, new QueueWakeup(), listeners)
                        .pass(Wakeup.Cause.COMMAND);
            }
            return report(reporter, report);
        } catch (BerthException e) {
            return reporter.fail(e);
        }
    }

    /** The "Source:" line comes before the steps, as soon as the desired state is read. */
    private static LoopListener sourceLine(Reporter reporter) {
        return new LoopListener() {
            @Override
            public void sourceRead(SourceSnapshot snapshot) {
                reporter.source(snapshot);
            }
        };
    }

    private static int report(Reporter reporter, PassReport report) {
        if (report.pass().isEmpty()) {
            return reporter.fail(report.error().orElseThrow());
        }
        SourceSnapshot snapshot = report.source().orElseThrow();
        Pass pass = report.pass().get();
        if (reporter.json()) {
            json(reporter, snapshot, pass);
        } else {
            text(reporter, snapshot, pass);
        }
        return pass.converged() && !Reporter.refused(snapshot) ? 0 : 1;
    }

    private static void json(Reporter reporter, SourceSnapshot snapshot, Pass pass) {
        ObjectNode node = Reporter.source(JsonNodeFactory.instance.objectNode(), snapshot);
        node.put("converged", pass.converged());
        node.set("plan", PlanJson.of(pass.plan()));
        pass.execution().completed().forEach(s -> node.withArray("completed").add(PlanJson.step(s)));
        pass.execution().failure().ifPresent(f -> {
            ObjectNode failure =
                    node.putObject("failure").put("action", f.step().action().word());
            f.step().image().ifPresent(i -> failure.put("image", i));
            failure.put("reason", f.error().reason().name())
                    .put("message", f.error().getMessage());
            UndoneView undone = UndoneView.of(f.undone());
            ObjectNode undoneNode = failure.putObject("undone").put("kind", undone.kind());
            if (undone.version() != null) {
                undoneNode.put("version", undone.version());
            }
        });
        node.set("images", OutcomeJson.of(pass.outcomes()));
        node.set("remaining", PlanJson.of(pass.remaining()));
        reporter.print(node);
    }

    private static void text(Reporter reporter, SourceSnapshot snapshot, Pass pass) {
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
            reporter.out.println("Not converged:");
            pass.outcomes().stream()
                    .filter(o -> o.state() != ImageOutcome.State.CONVERGED)
                    .forEach(o -> reporter.out.println(OutcomeText.line(o)));
            if (!pass.remaining().isEmpty()) {
                reporter.out.println("Still to do:");
                PlanText.lines(pass.remaining()).forEach(reporter.out::println);
            }
        }
        reporter.out.flush();
        reporter.err.flush();
    }
}

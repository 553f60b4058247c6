package dev.berth.agent.status;

import dev.berth.agent.cli.Version;
import dev.berth.model.ImageSpec;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Finding;
import dev.berth.model.state.Inventory;
import dev.berth.reconciler.Execution;
import dev.berth.reconciler.Pass;
import dev.berth.reconciler.health.ImageHealth;
import dev.berth.reconciler.loop.LoopListener;
import dev.berth.reconciler.loop.PassReport;
import dev.berth.reconciler.port.InventoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Turns every finished pass into the status file; keeps each image's last error until it converges again. */
public final class StatusTracker implements LoopListener {
    private final StatusFile file;
    private final InventoryStore inventory;
    private final Instant agentStarted;
    private AgentStatus last;

    public StatusTracker(StatusFile file, InventoryStore inventory, Instant agentStarted) {
        this.file = file;
        this.inventory = inventory;
        this.agentStarted = agentStarted;
        this.last = file.read().status().orElse(null);
    }

    public Optional<AgentStatus> last() {
        return Optional.ofNullable(last);
    }

    @Override
    public void passFinished(PassReport report) {
        last = status(report);
        file.write(last);
    }

    AgentStatus status(PassReport report) {
        Instant converged = report.outcome() == PassReport.Outcome.CONVERGED
                ? report.finished()
                : last == null ? null : last.lastConverged();
        List<AgentStatus.ImageStatus> images =
                report.pass().map(p -> images(p, report)).orElseGet(this::previousImages);
        List<String> unmanaged = report.pass()
                .map(p -> p.remaining().unmanaged().stream()
                        .map(u -> u.attached().label())
                        .toList())
                .orElseGet(() -> last == null ? List.of() : last.unmanaged());
        return new AgentStatus(
                AgentStatus.SCHEMA,
                Version.current(),
                ProcessHandle.current().pid(),
                agentStarted,
                lastPass(report),
                converged,
                images,
                unmanaged);
    }

    private static AgentStatus.LastPass lastPass(PassReport report) {
        List<AgentStatus.Notice> notices = report.source()
                .map(s -> s.notices().stream()
                        .map(n -> new AgentStatus.Notice(n.reason().name(), n.message()))
                        .toList())
                .orElse(List.of());
        AgentStatus.Problem error = report.failure()
                .map(e ->
                        new AgentStatus.Problem(e.reason().name(), e.getMessage(), report.finished(), restored(report)))
                .orElse(null);
        return new AgentStatus.LastPass(
                report.started(),
                report.finished(),
                report.cause().name(),
                report.outcome().name(),
                report.source().map(s -> s.manifest().source()).orElse(null),
                report.source().map(s -> s.revision()).orElse(null),
                notices,
                error);
    }

    private List<AgentStatus.ImageStatus> images(Pass pass, PassReport report) {
        Inventory state = inventory.load();
        Map<String, AgentStatus.ImageStatus> before = new LinkedHashMap<>();
        if (last != null) {
            last.images().forEach(i -> before.put(i.name(), i));
        }
        Map<String, Finding.Refused> held = new LinkedHashMap<>();
        pass.remaining().refused().forEach(r -> held.put(r.image(), r));
        Map<String, Finding.Drifted> drifted = new LinkedHashMap<>();
        pass.plan().drifted().forEach(d -> drifted.put(d.image(), d));
        TreeSet<String> names = new TreeSet<>();
        pass.desired().images().forEach(i -> names.add(i.name()));
        state.images().keySet().forEach(names::add);
        List<AgentStatus.ImageStatus> images = new ArrayList<>();
        for (String name : names) {
            Optional<ImageSpec> spec = pass.desired().image(name);
            Optional<AttachedImage> attached =
                    pass.after().attachedNamed(name).stream().findFirst();
            Optional<ImageHealth> health = attached.map(ImageHealth::of);
            AgentStatus.Problem heldProblem = Optional.ofNullable(held.get(name))
                    .map(r -> new AgentStatus.Problem(r.reason().name(), r.message(), report.finished(), ""))
                    .orElse(null);
            AgentStatus.Problem lastError = errorOf(name, pass.execution(), report)
                    .or(() -> state.failure(name)
                            .map(f -> new AgentStatus.Problem(
                                    f.reason().name(),
                                    f.message(),
                                    f.at(),
                                    f.undone().describe())))
                    .orElseGet(() -> settled(name, pass)
                            ? null
                            : Optional.ofNullable(before.get(name))
                                    .map(AgentStatus.ImageStatus::lastError)
                                    .orElse(null));
            images.add(new AgentStatus.ImageStatus(
                    name,
                    spec.map(ImageSpec::version).orElse(null),
                    spec.map(ImageSpec::profile).orElse(null),
                    attached.flatMap(AttachedImage::version).orElse(null),
                    attached.flatMap(AttachedImage::profile).orElse(null),
                    attached.map(a -> a.state().wire()).orElse("detached"),
                    health.map(h -> h.state().name().toLowerCase(java.util.Locale.ROOT))
                            .orElse("absent"),
                    health.map(ImageHealth::detail).orElse(""),
                    Optional.ofNullable(drifted.get(name))
                            .map(Finding.Drifted::what)
                            .orElse(null),
                    heldProblem,
                    lastError));
        }
        return images;
    }

    private static Optional<AgentStatus.Problem> errorOf(String name, Execution execution, PassReport report) {
        return execution
                .failure()
                .filter(f -> f.step().concerns(name))
                .map(f -> new AgentStatus.Problem(
                        f.error().reason().name(),
                        f.error().getMessage(),
                        report.finished(),
                        f.undone().describe()));
    }

    /** Nothing is left to do for the image: an old error no longer describes it. */
    private static boolean settled(String name, Pass pass) {
        return pass.remaining().steps().stream().noneMatch(s -> s.concerns(name))
                && pass.remaining().refused().stream().noneMatch(r -> r.image().equals(name));
    }

    private List<AgentStatus.ImageStatus> previousImages() {
        return last == null ? List.of() : last.images();
    }

    private static String restored(PassReport report) {
        return report.pass()
                .flatMap(p -> p.execution().failure())
                .map(f -> f.undone().describe())
                .orElse("");
    }
}

package dev.berth.agent.status;

import dev.berth.agent.render.UndoneView;
import dev.berth.agent.render.WaitView;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.plan.Finding;
import dev.berth.model.state.Inventory;
import dev.berth.reconciler.ImageOutcome;
import dev.berth.reconciler.Pass;
import dev.berth.reconciler.health.ImageHealth;
import dev.berth.reconciler.loop.LoopListener;
import dev.berth.reconciler.loop.PassReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns every finished pass into the status file, from the pass's image outcomes; keeps each image's last error
 * until it converges again.
 */
public final class StatusTracker implements LoopListener {
    private final StatusFile file;
    private final Instant started;
    private final String runner;
    private final AgentStatus.HostStatus host;
    private @Nullable AgentStatus last; // none before the first pass ever

    /**
     * @param runner who runs the passes: "berth agent" or "berth apply"
     * @param host who this host is, as the manifests were read for it
     */
    public StatusTracker(StatusFile file, Instant started, String runner, HostIdentity host) {
        this.file = file;
        this.started = started;
        this.runner = runner;
        this.host = AgentStatus.HostStatus.of(host);
        this.last = file.read().status().orElse(null);
    }

    public Optional<AgentStatus> last() {
        return Optional.ofNullable(last);
    }

    @Override
    public void passFinished(PassReport report) {
        AgentStatus next = status(report);
        boolean timesOnly = last != null && next.equals(withPassTimesOf(last, next));
        last = next;
        file.write(next, !timesOnly);
    }

    /** {@code status} with the last pass's times, and the last convergence, of {@code other}. */
    static AgentStatus withPassTimesOf(AgentStatus status, AgentStatus other) {
        AgentStatus.LastPass pass = status.lastPass();
        AgentStatus.LastPass times = other.lastPass();
        return new AgentStatus(
                status.schemaVersion(),
                status.version(),
                status.runner(),
                status.pid(),
                status.started(),
                new AgentStatus.LastPass(
                        times.started(),
                        times.finished(),
                        pass.cause(),
                        pass.outcome(),
                        pass.source(),
                        pass.revision(),
                        pass.notices(),
                        pass.error()),
                other.lastConverged(),
                status.images(),
                status.unmanaged(),
                status.host());
    }

    AgentStatus status(PassReport report) {
        Instant converged = report.outcome() == PassReport.Outcome.CONVERGED
                ? report.finished()
                : last == null ? null : last.lastConverged();
        List<AgentStatus.ImageStatus> images =
                report.pass().map(p -> images(p, report.finished())).orElseGet(this::previousImages);
        List<String> unmanaged = report.pass()
                .map(p -> p.remaining().unmanaged().stream()
                        .map(u -> u.attached().label())
                        .toList())
                .orElseGet(() -> last == null ? List.of() : last.unmanaged());
        return new AgentStatus(
                AgentStatus.SCHEMA,
                Version.current(),
                runner,
                ProcessHandle.current().pid(),
                started,
                lastPass(report),
                converged,
                images,
                unmanaged,
                host);
    }

    private static AgentStatus.LastPass lastPass(PassReport report) {
        List<AgentStatus.Notice> notices = report.source()
                .map(s -> s.notices().stream()
                        .map(n -> new AgentStatus.Notice(n.reason().name(), n.message()))
                        .toList())
                .orElse(List.of());
        AgentStatus.Problem error = report.failure()
                .map(e -> new AgentStatus.Problem(
                        e.reason().name(),
                        e.getMessage(),
                        report.finished(),
                        report.pass()
                                .flatMap(p -> p.execution().failure())
                                .map(f -> UndoneView.of(f.undone()))
                                .orElse(UndoneView.NOTHING)))
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

    private List<AgentStatus.ImageStatus> images(Pass pass, Instant at) {
        Map<String, AgentStatus.ImageStatus> before = new LinkedHashMap<>();
        if (last != null) {
            last.images().forEach(i -> before.put(i.name(), i));
        }
        List<AgentStatus.ImageStatus> images = new ArrayList<>();
        for (ImageOutcome outcome : pass.outcomes()) {
            Optional<AgentStatus.Problem> problem = outcome.problem()
                    .map(p -> new AgentStatus.Problem(
                            p.reason().name(), p.message(), at, UndoneView.of(outcome.undone())));
            AgentStatus.Problem held = outcome.state() == ImageOutcome.State.HELD ? problem.orElse(null) : null;
            AgentStatus.Problem lastError = lastError(outcome, problem, before.get(outcome.image()), pass.inventory());
            Optional<ImageHealth> health = outcome.health();
            images.add(new AgentStatus.ImageStatus(
                    outcome.image(),
                    word(outcome.state()),
                    outcome.desired().map(s -> s.version()).orElse(null),
                    outcome.desired().map(s -> s.profile()).orElse(null),
                    outcome.attachedVersion().orElse(null),
                    outcome.attached().flatMap(AttachedImage::profile).orElse(null),
                    outcome.attached().map(a -> a.state().wire()).orElse("detached"),
                    health.map(h -> word(h.state())).orElse("absent"),
                    health.map(ImageHealth::detail).orElse(""),
                    outcome.drift().map(Finding.Drifted::what).orElse(null),
                    held,
                    lastError,
                    outcome.waiting().map(WaitView::describe).orElse(null)));
        }
        return images;
    }

    /**
     * This pass's failure; else the failure Berth remembers for the image (in the pass's own inventory, which is what
     * the store holds after it: reading the file again for each image cost more than the rest of the status) (it is held because of it); else the
     * error shown before, until the image converges.
     */
    private AgentStatus.@Nullable Problem lastError(
            ImageOutcome outcome,
            Optional<AgentStatus.Problem> problem,
            AgentStatus.@Nullable ImageStatus before,
            Inventory owned) {
        if (outcome.state() == ImageOutcome.State.FAILED) {
            return problem.orElse(null);
        }
        Optional<AgentStatus.Problem> remembered = owned.failure(outcome.image())
                .map(f -> new AgentStatus.Problem(f.reason().name(), f.message(), f.at(), UndoneView.of(f.undone())));
        if (remembered.isPresent()) {
            return remembered.get();
        }
        if (outcome.converged() || before == null) {
            return null;
        }
        return before.lastError();
    }

    private List<AgentStatus.ImageStatus> previousImages() {
        return last == null ? List.of() : last.images();
    }

    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

package dev.berth.agent.daemon;

import dev.berth.agent.render.PlanText;
import dev.berth.agent.render.UndoneView;
import dev.berth.agent.render.WaitView;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.plan.Finding;
import dev.berth.model.plan.Step;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.ImageOutcome;
import dev.berth.reconciler.loop.LoopListener;
import dev.berth.reconciler.loop.PassReport;
import dev.berth.reconciler.loop.Wakeup;
import dev.berth.reconciler.port.ReconcileListener;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's log: each step once as it starts and once as it ends, each pass once, with priorities journald
 * keeps: errors for failures, warnings for rollbacks, refusals and drift, info for the rest.
 */
public final class PassLog implements LoopListener, ReconcileListener {
    private static final Logger LOG = LoggerFactory.getLogger("berth");

    @Override
    public void passStarted(Wakeup.Cause cause) {
        LOG.debug("pass started ({})", cause);
    }

    @Override
    public void passFinished(PassReport report) {
        String revision =
                report.source().map(s -> " of revision " + s.revision()).orElse("");
        report.source().ifPresent(s -> s.notices().forEach(n -> LOG.warn("{}: {}", n.reason(), n.message())));
        report.pass().ifPresent(p -> p.outcomes().forEach(PassLog::outcome));
        switch (report.outcome()) {
            case CONVERGED -> {
                if (!report.pass().orElseThrow().plan().isEmpty()) {
                    LOG.info("converged{} in {} ms", revision, report.took().toMillis());
                } else {
                    LOG.debug("no changes{}", revision);
                }
            }
            case WAITING -> LOG.info("converged{} except changes that wait for their time", revision);
            case HELD -> LOG.info("converged{} except held images", revision);
            case STOPPED -> LOG.info("pass stopped between two steps: the agent is stopping");
            default ->
                report.failure()
                        .ifPresent(e -> LOG.error(
                                "pass{} failed: {}: {}",
                                revision,
                                e.reason(),
                                e.getMessage(),
                                e.reason() == Reason.InternalError ? e : null));
        }
    }

    /** Images left as they are, each once per pass with why; a failure was logged when its step failed. */
    private static void outcome(ImageOutcome outcome) {
        if (outcome.state() == ImageOutcome.State.HELD) {
            outcome.problem().ifPresent(p -> LOG.warn("{} held: {}: {}", outcome.image(), p.reason(), p.message()));
        } else if (outcome.state() == ImageOutcome.State.WAITING) {
            outcome.waiting().ifPresent(w -> LOG.info("{}: {}", outcome.image(), WaitView.describe(w)));
        } else if (outcome.state() == ImageOutcome.State.DRIFTED) {
            LOG.warn(
                    "{} drifted: {}; left as it is (driftCorrection is off)",
                    outcome.image(),
                    outcome.drift().map(Finding.Drifted::what).orElse("changed by hand"));
        }
    }

    @Override
    public void stepStarted(Step step) {
        LOG.info("{}", PlanText.step(step).strip());
    }

    @Override
    public void watching(List<Step> steps) {
        if (steps.size() > 1) {
            LOG.info("watching the health of {} images together: {}", steps.size(), PlanText.images(steps));
        }
    }

    @Override
    public void stepSucceeded(Step step, Duration took) {
        LOG.info("{} {} done in {} ms", step.action(), step.image().orElse("pool"), took.toMillis());
    }

    @Override
    public void stepFailed(Step step, BerthException error, Duration took) {
        LOG.error(
                "{} {} failed: {}: {}", step.action(), step.image().orElse("pool"), error.reason(), error.getMessage());
    }

    @Override
    public void rolledBack(String image, Undone undone, BerthException cause) {
        LOG.warn("{} {} after {}", image, UndoneView.of(undone).describe(), cause.reason());
    }
}

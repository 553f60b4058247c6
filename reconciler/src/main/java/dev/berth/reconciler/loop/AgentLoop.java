package dev.berth.reconciler.loop;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.reconciler.Pass;
import dev.berth.reconciler.Reconciler;
import dev.berth.reconciler.port.ManifestSource;
import dev.berth.reconciler.port.SourceSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The agent's loop. Every pass reads the whole desired state and the whole host (level-triggered): a timer, a
 * signal or a file change only wakes it, so a missed event costs nothing. One pass at a time; failing passes back
 * off exponentially up to a cap and a success resets it. {@link #stop} lets the current step finish.
 */
public final class AgentLoop {
    private final ManifestSource source;
    private final Reconciler reconciler;
    private final Schedule schedule;
    private final Wakeup wakeup;
    private final Clock clock;
    private final DoubleSupplier random;
    private final LoopListener listener;
    private volatile boolean stopping;
    private int failures;

    public AgentLoop(
            ManifestSource source,
            Reconciler reconciler,
            Schedule schedule,
            Wakeup wakeup,
            Clock clock,
            DoubleSupplier random,
            LoopListener listener) {
        this.source = source;
        this.reconciler = reconciler;
        this.schedule = schedule;
        this.wakeup = wakeup;
        this.clock = clock;
        this.random = random;
        this.listener = listener;
    }

    /** Runs passes until {@link #stop}; the first pass starts at once. */
    public void run() throws InterruptedException {
        Wakeup.Cause cause = Wakeup.Cause.TIMER;
        while (!stopping) {
            PassReport report = pass(cause);
            if (stopping) {
                return;
            }
            cause = wakeup.await(delayAfter(report));
            if (cause == Wakeup.Cause.STOP) {
                return;
            }
        }
    }

    /** Asks the loop to stop: the step under way finishes, no new step or pass starts. */
    public void stop() {
        stopping = true;
        wakeup.wake(Wakeup.Cause.STOP);
    }

    public boolean stopping() {
        return stopping;
    }

    /** One pass, reported to the listener. */
    public PassReport pass(Wakeup.Cause cause) {
        Instant started = clock.instant();
        listener.passStarted(cause);
        Optional<SourceSnapshot> snapshot = Optional.empty();
        Optional<Pass> pass = Optional.empty();
        Optional<BerthException> error = Optional.empty();
        try {
            snapshot = Optional.of(source.read());
            listener.sourceRead(snapshot.get());
            pass = Optional.of(reconciler.apply(snapshot.get().manifest(), () -> stopping));
        } catch (BerthException e) {
            error = Optional.of(e);
        } catch (RuntimeException e) {
            error = Optional.of(new BerthException(Reason.InternalError, "unexpected " + e, e));
        }
        PassReport report = new PassReport(cause, started, clock.instant(), snapshot, pass, error);
        failures = report.outcome() == PassReport.Outcome.FAILED ? failures + 1 : 0;
        listener.passFinished(report);
        return report;
    }

    /**
     * The wait after a pass: the interval once converged (or only held images are left), or less when a wait ends
     * sooner (a rollout wave starts, a maintenance window opens: the pass runs then, spread by up to the schedule's
     * jitter of the interval, not at the next interval);
     * backoff while passes fail; the backoff base after a change failed for good, so the images behind it
     * converge soon. Public for a fleet simulation, which drives many loops on one simulated clock.
     */
    public Duration delayAfter(PassReport report) {
        return switch (report.outcome()) {
            case CONVERGED -> schedule.next(0, random);
            case WAITING, HELD -> untilNextWaitEnds(report, schedule.next(0, random));
            case CHANGE_FAILED -> schedule.next(1, random);
            case FAILED, STOPPED -> schedule.next(failures, random);
        };
    }

    private Duration untilNextWaitEnds(PassReport report, Duration interval) {
        Optional<Instant> ends = report.pass().flatMap(p -> p.remaining().nextWaitEnds());
        if (ends.isEmpty()) {
            return interval;
        }
        // Never sooner than a second: a gate whose wait "ends" in the past must not make the loop spin. Spread like
        // the interval, since every host of a wave (or a window) may have been given the same time.
        Duration until =
                Duration.between(clock.instant(), ends.get()).plusMillis(10).plus(schedule.spread(random));
        Duration floor = Duration.ofSeconds(1);
        return until.compareTo(floor) < 0 ? floor : until.compareTo(interval) < 0 ? until : interval;
    }

    int failures() {
        return failures;
    }
}

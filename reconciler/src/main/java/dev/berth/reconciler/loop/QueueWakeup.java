package dev.berth.reconciler.loop;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The real {@link Wakeup}: a queue the loop thread polls with a timeout. STOP is sticky. */
public final class QueueWakeup implements Wakeup {
    private final LinkedBlockingQueue<Cause> causes = new LinkedBlockingQueue<>();
    private volatile boolean stopping;

    @Override
    public Cause await(Duration delay) throws InterruptedException {
        if (stopping) {
            return Cause.STOP;
        }
        Cause cause = causes.poll(delay.toMillis(), TimeUnit.MILLISECONDS);
        if (stopping) {
            return Cause.STOP;
        }
        if (cause == null) {
            return Cause.TIMER;
        }
        causes.clear();
        return cause;
    }

    @Override
    public void wake(Cause cause) {
        if (cause == Cause.STOP) {
            stopping = true;
        }
        causes.offer(cause);
    }
}

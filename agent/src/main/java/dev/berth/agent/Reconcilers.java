package dev.berth.agent;

import dev.berth.reconciler.Executor;
import dev.berth.reconciler.Planner;
import dev.berth.reconciler.Reconciler;
import dev.berth.reconciler.port.HealthGate;
import dev.berth.reconciler.port.ReconcileListener;
import java.time.Clock;

/** Assembles a reconciler from opened adapters. */
public final class Reconcilers {
    private Reconcilers() {}

    /** For plan and apply: one pass, changes accepted once their units started. */
    public static Reconciler oneShot(Host host, ReconcileListener listener) {
        return of(host, HealthGate.NONE, listener, Clock.systemUTC());
    }

    public static Reconciler of(Host host, HealthGate health, ReconcileListener listener, Clock clock) {
        Executor executor =
                new Executor(host.portable(), host.fetcher(), host.pool(), host.inventory(), health, listener, clock);
        return new Reconciler(
                host.portable(),
                host.pool(),
                host.inventory(),
                new Planner(host.poolDir()),
                executor,
                host.digests(),
                host.policy(),
                clock);
    }
}

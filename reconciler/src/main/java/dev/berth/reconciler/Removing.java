package dev.berth.reconciler;

import dev.berth.model.plan.Step;
import dev.berth.model.state.ManagedImage;
import dev.berth.reconciler.port.ImagePool;
import dev.berth.reconciler.port.PortableHost;

/**
 * Runs detach and prune steps: leave no artifacts (and, for an image attached with {@code clean: true}, none of
 * its units' data either). The inventory entry goes last, so a detach that fails stays
 * owned and is retried on the next pass.
 */
final class Removing {
    private final PortableHost host;
    private final ImagePool pool;

    Removing(PortableHost host, ImagePool pool) {
        this.host = host;
        this.pool = pool;
    }

    void detach(Step.Detach step, Ledger ledger) {
        ManagedImage managed = step.managed();
        ledger.record(inv -> inv.with(managed.withPhase(ManagedImage.Phase.DETACHING)));
        if (managed.clean()) {
            // Before the detach: afterwards systemd no longer knows the units' StateDirectory= and the like.
            step.attached().ifPresent(host::clean);
        }
        step.attached().ifPresent(host::detach);
        delete(step.files(), ledger);
        ledger.record(inv -> inv.withoutImage(managed.name()));
    }

    void prune(Step.Prune step, Ledger ledger) {
        delete(step.paths(), ledger);
    }

    private void delete(Iterable<String> paths, Ledger ledger) {
        for (String path : paths) {
            pool.delete(path);
            ledger.record(inv -> inv.withoutFile(path));
        }
    }
}

package dev.berth.reconciler;

import dev.berth.model.state.Inventory;
import dev.berth.reconciler.port.InventoryStore;
import java.util.function.UnaryOperator;

/**
 * The inventory while a plan runs. Every change is stored at once, so that an agent killed between two host
 * calls finds on restart exactly what it had announced.
 */
final class Ledger {
    private final InventoryStore store;
    private Inventory current;

    Ledger(InventoryStore store, Inventory start) {
        this.store = store;
        this.current = start;
    }

    Inventory inventory() {
        return current;
    }

    void record(UnaryOperator<Inventory> change) {
        Inventory next = change.apply(current);
        if (!next.equals(current)) {
            store.save(next);
            current = next;
        }
    }
}

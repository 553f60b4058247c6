package dev.berth.reconciler.port;

import dev.berth.model.state.Inventory;

/** Where Berth remembers what it owns; {@link #save} is atomic (a crash leaves the old or the new file). */
public interface InventoryStore {
    Inventory load();

    void save(Inventory inventory);
}

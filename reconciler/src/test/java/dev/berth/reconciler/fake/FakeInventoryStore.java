package dev.berth.reconciler.fake;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.state.Inventory;
import dev.berth.reconciler.port.InventoryStore;
import java.util.ArrayList;
import java.util.List;

/** Keeps the inventory in memory and remembers every saved version; held to {@link InventoryStoreContract}. */
public final class FakeInventoryStore implements InventoryStore {
    private final List<Inventory> saved = new ArrayList<>();
    private Inventory current = Inventory.empty();
    private boolean broken;

    public FakeInventoryStore() {}

    public FakeInventoryStore(Inventory start) {
        this.current = start;
    }

    /** Every inventory saved, in order: what a crash at any moment would have left behind. */
    public List<Inventory> history() {
        return List.copyOf(saved);
    }

    /** Makes every later save fail, as a full or read-only disk would. */
    public void breakStorage() {
        broken = true;
    }

    @Override
    public Inventory load() {
        return current;
    }

    @Override
    public void save(Inventory inventory) {
        if (broken) {
            throw new BerthException(Reason.StateUnavailable, "cannot write the inventory (fake disk broken)");
        }
        saved.add(inventory);
        current = inventory;
    }
}

package dev.berth.reconciler.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.Action;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.state.FailedChange;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.KnownFile;
import dev.berth.model.state.ManagedImage;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.port.InventoryStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link InventoryStore} does; run against the fake and the real state directory. */
public abstract class InventoryStoreContract {
    protected abstract InventoryStore store();

    /** A second store over the same storage, as after a restart. */
    protected abstract InventoryStore reopened();

    private static final Sha256 SHA = new Sha256("ab".repeat(32));

    @Test
    void anEmptyStoreHoldsAnEmptyInventory() {
        assertThat(store().load()).isEqualTo(Inventory.empty());
    }

    @Test
    void whatIsSavedIsLoadedBackWithEveryField() {
        ManagedImage.Previous previous = new ManagedImage.Previous(
                "0.9", SHA, "/var/lib/portables/hello_0.9.raw", "strict", List.of("hello"), true);
        Inventory inventory = Inventory.empty()
                .with(new ManagedImage(
                        "hello",
                        "1.0",
                        SHA,
                        "default",
                        List.of("hello", "hello-admin"),
                        false,
                        "/var/lib/portables/hello_1.0.raw",
                        ManagedImage.Phase.UPGRADING,
                        previous))
                .with(new KnownFile(
                        "/var/lib/portables/hello_1.0.raw",
                        "hello",
                        "1.0",
                        SHA,
                        true,
                        1234L,
                        Instant.parse("2026-11-01T10:00:00.123456789Z")))
                .with(KnownFile.pending("/var/lib/portables/web_2.raw", "web", "2", SHA))
                .with(new FailedChange(
                        "web",
                        "3",
                        "strict",
                        SHA,
                        Action.UPGRADE,
                        Reason.HealthCheckFailed,
                        "web.service failed (result exit-code)",
                        Instant.parse("2026-11-02T08:00:00Z"),
                        new Undone.RestoredTo("2")));

        store().save(inventory);

        assertThat(reopened().load()).isEqualTo(inventory);
    }

    @Test
    void aLaterSaveReplacesTheEarlierOne() {
        Inventory first = Inventory.empty().with(KnownFile.pending("/p/a_1.raw", "a", "1", SHA));
        store().save(first);

        store().save(Inventory.empty());

        assertThat(reopened().load()).isEqualTo(Inventory.empty());
    }
}

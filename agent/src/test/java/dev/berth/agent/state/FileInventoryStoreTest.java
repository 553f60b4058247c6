package dev.berth.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.KnownFile;
import dev.berth.reconciler.fake.InventoryStoreContract;
import dev.berth.reconciler.port.InventoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInventoryStoreTest extends InventoryStoreContract {
    @TempDir
    Path stateDir;

    @Override
    protected InventoryStore store() {
        return new FileInventoryStore(stateDir);
    }

    @Override
    protected InventoryStore reopened() {
        return new FileInventoryStore(stateDir);
    }

    @Test
    void theFileCarriesItsSchemaVersionAndNoTemporaryFileIsLeft() throws IOException {
        new FileInventoryStore(stateDir).save(Inventory.empty());

        assertThat(Files.readString(stateDir.resolve("inventory.json"))).contains("\"schemaVersion\" : 1");
        try (var files = Files.list(stateDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("inventory.json");
        }
    }

    @Test
    void aFileChangedBehindTheStoresBackIsReadAgainEvenWhenItKeepsItsLength() throws IOException {
        FileInventoryStore store = new FileInventoryStore(stateDir);
        store.save(Inventory.empty()
                .with(KnownFile.pending("/var/lib/portables/a_1.raw", "a", "1", new Sha256("a".repeat(64)))));
        Inventory first = store.load();
        assertThat(store.load()).as("an unchanged file, read twice").isSameAs(first);

        Path file = stateDir.resolve("inventory.json");
        Files.writeString(file, Files.readString(file).replace("a_1.raw", "b_1.raw"));

        assertThat(store.load().files()).containsOnlyKeys("/var/lib/portables/b_1.raw");
        Files.writeString(file, "{ not json");
        assertThatThrownBy(store::load).hasMessageContaining("cannot read Berth's inventory");
    }

    @Test
    void aCorruptFileIsReportedAndNeverOverwrittenByALoad() throws IOException {
        Files.writeString(stateDir.resolve("inventory.json"), "{ not json");

        assertThatThrownBy(() -> new FileInventoryStore(stateDir).load())
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.StateUnavailable))
                .hasMessageContaining(stateDir.resolve("inventory.json").toString())
                .hasMessageContaining("move it away");
        assertThat(Files.readString(stateDir.resolve("inventory.json"))).isEqualTo("{ not json");
    }

    @Test
    void aFileFromANewerBerthIsRefused() throws IOException {
        Files.writeString(stateDir.resolve("inventory.json"), "{\"schemaVersion\": 2, \"images\": {}, \"files\": {}}");

        assertThatThrownBy(() -> new FileInventoryStore(stateDir).load())
                .hasMessageContaining("newer Berth (schema 2)");
    }

    @Test
    void anUnwritableStateDirectoryIsAStateFailure() throws IOException {
        Path blocked = stateDir.resolve("blocked");
        Files.writeString(blocked, "a file where a directory should be");

        assertThatThrownBy(() -> new FileInventoryStore(blocked)
                        .save(Inventory.empty()
                                .with(KnownFile.pending(
                                        "/p/a_1.raw", "a", "1", new dev.berth.model.Sha256("0".repeat(64))))))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.StateUnavailable))
                .hasMessageContaining("cannot write");
    }

    @Test
    void aTemporaryFileLeftByAKilledWriterIsRemovedAndTheInventoryKept() throws IOException {
        new FileInventoryStore(stateDir).save(Inventory.empty());
        Files.writeString(stateDir.resolve(".#inventory.json.tmp"), "{ half written");

        AtomicFiles.removeLeftovers(stateDir);

        try (var files = Files.list(stateDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("inventory.json");
        }
        assertThat(new FileInventoryStore(stateDir).load()).isEqualTo(Inventory.empty());
    }
}

package dev.berth.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.Action;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.KnownFile;
import dev.berth.model.state.ManagedImage;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.fake.InventoryStoreContract;
import dev.berth.reconciler.port.InventoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

        assertThat(Files.readString(stateDir.resolve("inventory.json"))).contains("\"schemaVersion\" : 2");
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
        Files.writeString(stateDir.resolve("inventory.json"), "{\"schemaVersion\": 3, \"images\": {}, \"files\": {}}");

        assertThatThrownBy(() -> new FileInventoryStore(stateDir).load())
                .hasMessageContaining("newer Berth (schema 3)");
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

    @Test
    void anInventoryWrittenBySchemaOneIsReadWithEveryField() throws IOException {
        try (var in = getClass().getResourceAsStream("/inventory/schema-1.json")) {
            Files.write(stateDir.resolve("inventory.json"), in.readAllBytes());
        }

        Inventory inventory = new FileInventoryStore(stateDir).load();

        assertThat(inventory.images()).containsOnlyKeys("gone", "hello", "new", "web");
        ManagedImage web = inventory.image("web").orElseThrow();
        assertThat(web.phase()).isEqualTo(ManagedImage.Phase.UPGRADING);
        assertThat(web.runtime()).isTrue();
        assertThat(web.matches()).containsExactly("web", "web-api");
        assertThat(web.previous()).isNotNull();
        assertThat(web.previous().version()).isEqualTo("1");
        assertThat(web.previous().imagePath()).isEqualTo("/var/lib/portables/web_1.raw");
        assertThat(inventory
                        .file("/var/lib/portables/hello_1.0.raw")
                        .orElseThrow()
                        .vouchesFor(new Sha256("a".repeat(64)), 1234L, Instant.parse("2026-11-01T10:00:00.123456789Z")))
                .isTrue();
        assertThat(inventory
                        .file("/var/lib/portables/hello_1.0.roothash")
                        .orElseThrow()
                        .downloaded())
                .isFalse();
        assertThat(inventory.file("/var/lib/portables/web_2.raw").orElseThrow().verified())
                .isFalse();
        assertThat(inventory.failure("web").orElseThrow().undone()).isEqualTo(new Undone.RestoredTo("2"));
        assertThat(inventory.failure("web").orElseThrow().action()).isEqualTo(Action.UPGRADE);
        assertThat(inventory.failure("new").orElseThrow().undone()).isEqualTo(Undone.DETACHED);
        assertThat(inventory.failure("bad").orElseThrow().undone()).isEqualTo(Undone.NOTHING);
        assertThat(inventory.failure("bad").orElseThrow().reason()).isEqualTo(Reason.VerificationFailed);
    }

    @Test
    void aSchemaOneInventoryIsWrittenBackAsSchemaTwoWithTheSameContent() throws IOException {
        try (var in = getClass().getResourceAsStream("/inventory/schema-1.json")) {
            Files.write(stateDir.resolve("inventory.json"), in.readAllBytes());
        }
        Inventory old = new FileInventoryStore(stateDir).load();

        new FileInventoryStore(stateDir).save(old);

        assertThat(Files.readString(stateDir.resolve("inventory.json"))).contains("\"schemaVersion\" : 2");
        assertThat(new FileInventoryStore(stateDir).load()).isEqualTo(old);
    }
}

package dev.berth.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.Action;
import dev.berth.model.BerthException;
import dev.berth.model.Limit;
import dev.berth.model.Limits;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.state.Inventory;
import dev.berth.model.state.KnownFile;
import dev.berth.model.state.ManagedImage;
import dev.berth.model.state.Undone;
import dev.berth.reconciler.fake.InventoryStoreContract;
import dev.berth.reconciler.port.InventoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileInventoryStoreTest extends InventoryStoreContract {
    @TempDir
    Path stateDir;

    private static final Path POOL = Path.of("/var/lib/portables");

    @Override
    protected InventoryStore store() {
        return store(stateDir);
    }

    private static FileInventoryStore store(Path stateDir) {
        return new FileInventoryStore(stateDir, POOL);
    }

    @Override
    protected InventoryStore reopened() {
        return store(stateDir);
    }

    @Test
    void theFileCarriesItsSchemaVersionAndNoTemporaryFileIsLeft() throws IOException {
        store(stateDir).save(Inventory.empty());

        assertThat(Files.readString(stateDir.resolve("inventory.json"))).contains("\"schemaVersion\" : 3");
        try (var files = Files.list(stateDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("inventory.json");
        }
    }

    @Test
    void aFileChangedBehindTheStoresBackIsReadAgainEvenWhenItKeepsItsLength() throws IOException {
        FileInventoryStore store = store(stateDir);
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

        assertThatThrownBy(() -> store(stateDir).load())
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.StateUnavailable))
                .hasMessageContaining(stateDir.resolve("inventory.json").toString())
                .hasMessageContaining("move it away");
        assertThat(Files.readString(stateDir.resolve("inventory.json"))).isEqualTo("{ not json");
    }

    @Test
    void aFileFromANewerBerthIsRefused() throws IOException {
        Files.writeString(stateDir.resolve("inventory.json"), "{\"schemaVersion\": 4, \"images\": {}, \"files\": {}}");

        assertThatThrownBy(() -> store(stateDir).load()).hasMessageContaining("newer Berth (schema 4)");
    }

    @Test
    void anUnwritableStateDirectoryIsAStateFailure() throws IOException {
        Path blocked = stateDir.resolve("blocked");
        Files.writeString(blocked, "a file where a directory should be");

        assertThatThrownBy(() -> store(blocked)
                        .save(Inventory.empty()
                                .with(KnownFile.pending("/p/a_1.raw", "a", "1", new Sha256("0".repeat(64))))))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.StateUnavailable))
                .hasMessageContaining("cannot write");
    }

    @Test
    void aTemporaryFileLeftByAKilledWriterIsRemovedAndTheInventoryKept() throws IOException {
        store(stateDir).save(Inventory.empty());
        Files.writeString(stateDir.resolve(".#inventory.json.tmp"), "{ half written");

        AtomicFiles.removeLeftovers(stateDir);

        try (var files = Files.list(stateDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("inventory.json");
        }
        assertThat(store(stateDir).load()).isEqualTo(Inventory.empty());
    }

    /** Each schema Berth ever wrote, checked in as that Berth wrote it: an upgraded agent must read them all. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"schema-1.json", "schema-2.json", "schema-3.json"})
    void anInventoryWrittenByAnEarlierOrTodaysSchemaIsReadWithEveryField(String file) throws IOException {
        Inventory inventory = loaded(file);

        assertThat(inventory.images()).containsKeys("gone", "hello", "new", "web");
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"schema-1.json", "schema-2.json"})
    void anInventoryFromBeforeSchemaThreeReadsAsNoLimitsDataKeptAndNoExtensions(String file) throws IOException {
        Inventory inventory = loaded(file);

        assertThat(inventory.images()).containsOnlyKeys("gone", "hello", "new", "web");
        assertThat(inventory.images().values()).allSatisfy(i -> {
            assertThat(i.limits()).isEqualTo(Limits.NONE);
            assertThat(i.clean()).isFalse();
            assertThat(i.extensions()).isEmpty();
        });
        assertThat(inventory.image("web").orElseThrow().previous().limits()).isEqualTo(Limits.NONE);
        assertThat(inventory.image("web").orElseThrow().previous().extensions()).isEmpty();
    }

    @Test
    void aSchemaThreeInventoryIsReadWithItsLimitsItsCleanFlagsAndItsExtensions() throws IOException {
        Inventory inventory = loaded("schema-3.json");

        assertThat(inventory.images()).containsOnlyKeys("app", "gone", "hello", "new", "other", "web");
        ManagedImage web = inventory.image("web").orElseThrow();
        assertThat(web.limits())
                .isEqualTo(new Limits(Map.of(Limit.MEMORY_MAX, "256M", Limit.IP_ADDRESS_DENY, "any 10.0.0.0/8")));
        assertThat(web.previous().limits()).isEqualTo(new Limits(Map.of(Limit.TASKS_MAX, "64")));
        assertThat(web.extensions()).isEmpty();
        assertThat(web.previous().extensions()).isEmpty();
        assertThat(inventory.image("hello").orElseThrow().clean()).isTrue();
        assertThat(inventory.image("gone").orElseThrow().clean()).isFalse();
        ManagedImage app = inventory.image("app").orElseThrow();
        assertThat(app.phase()).isEqualTo(ManagedImage.Phase.UPGRADING);
        assertThat(app.imagePath()).isEqualTo("/var/lib/portables/base_1.raw");
        assertThat(app.extensions()).containsExactly("/var/lib/portables/app_2.0.raw");
        assertThat(app.clean()).isTrue();
        assertThat(app.limits()).isEqualTo(new Limits(Map.of(Limit.CPU_QUOTA, "50%")));
        assertThat(app.previous())
                .isEqualTo(new ManagedImage.Previous(
                        "1.0",
                        new Sha256("e".repeat(64)),
                        "/var/lib/portables/base_1.raw",
                        "default",
                        List.of("app"),
                        false,
                        new Limits(Map.of(Limit.CPU_QUOTA, "50%")),
                        List.of("/var/lib/portables/app_1.0.raw")));
        assertThat(inventory.image("other").orElseThrow().extensions())
                .containsExactly("/var/lib/portables/other_1.0.raw", "/var/lib/portables/other-tools_1.0.raw");
        assertThat(inventory.file("/var/lib/portables/base_1.raw").orElseThrow().image())
                .isEqualTo("app");
    }

    @Test
    void theExtensionsOfAnImageAndOfTheOneBeforeAnUpgradeAreRememberedInOrder() {
        ManagedImage app = new ManagedImage(
                "app",
                "2.0",
                new Sha256("b".repeat(64)),
                "default",
                List.of("app"),
                false,
                "/var/lib/portables/base_1.raw",
                ManagedImage.Phase.UPGRADING,
                new ManagedImage.Previous(
                        "1.0",
                        new Sha256("c".repeat(64)),
                        "/var/lib/portables/base_1.raw",
                        "default",
                        List.of("app"),
                        false,
                        Limits.NONE,
                        List.of("/var/lib/portables/tools_1.raw", "/var/lib/portables/app_1.0.raw")),
                Limits.NONE,
                false,
                List.of("/var/lib/portables/tools_1.raw", "/var/lib/portables/app_2.0.raw"));

        store(stateDir).save(Inventory.empty().with(app));

        assertThat(store(stateDir).load().image("app")).contains(app);
    }

    @Test
    void anExtensionOutsideThePoolMakesTheInventoryUnreadable() throws IOException {
        String text = new String(resource("schema-3.json"), StandardCharsets.UTF_8)
                .replace("\"/var/lib/portables/app_1.0.raw\"", "\"/etc/shadow\"");
        Files.writeString(stateDir.resolve("inventory.json"), text);

        assertThatThrownBy(() -> store(stateDir).load())
                .hasMessageContaining("images[\"app\"].previous.extensions[0]")
                .hasMessageContaining("/etc/shadow");
    }

    private Inventory loaded(String file) throws IOException {
        Files.write(stateDir.resolve("inventory.json"), resource(file));
        return store(stateDir).load();
    }

    private byte[] resource(String file) throws IOException {
        try (var in = getClass().getResourceAsStream("/inventory/" + file)) {
            return in.readAllBytes();
        }
    }

    void theLimitsAppliedAreRememberedWithTheImageAndTheOneBeforeAnUpgrade() {
        Limits now = new Limits(Map.of(Limit.MEMORY_MAX, "256M", Limit.IP_ADDRESS_DENY, "any 10.0.0.0/8"));
        Limits before = new Limits(Map.of(Limit.TASKS_MAX, "64"));
        ManagedImage web = new ManagedImage(
                "web",
                "2",
                new Sha256("b".repeat(64)),
                "default",
                List.of("web"),
                false,
                "/var/lib/portables/web_2.raw",
                ManagedImage.Phase.UPGRADING,
                new ManagedImage.Previous(
                        "1",
                        new Sha256("c".repeat(64)),
                        "/var/lib/portables/web_1.raw",
                        "default",
                        List.of("web"),
                        false,
                        before),
                now,
                false);

        store(stateDir).save(Inventory.empty().with(web));

        assertThat(store(stateDir).load().image("web")).contains(web);
    }

    @Test
    void aRememberedLimitThatIsNotAValidValueMakesTheInventoryUnreadable() throws IOException {
        try (var in = getClass().getResourceAsStream("/inventory/schema-2.json")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"schemaVersion\" : 2", "\"schemaVersion\" : 3")
                    .replaceFirst(
                            "\"phase\" : \"DETACHING\"",
                            "\"phase\" : \"DETACHING\", \"limits\" : {\"memoryMax\" : \"1G\\\\nUser=root\"}");
            Files.writeString(stateDir.resolve("inventory.json"), text);
        }

        assertThatThrownBy(() -> store(stateDir).load()).hasMessageContaining("invalid value of limit memoryMax");
    }

    @Test
    void aSchemaOneInventoryIsWrittenBackAsTheCurrentSchemaWithTheSameContent() throws IOException {
        try (var in = getClass().getResourceAsStream("/inventory/schema-1.json")) {
            Files.write(stateDir.resolve("inventory.json"), in.readAllBytes());
        }
        Inventory old = store(stateDir).load();

        store(stateDir).save(old);

        assertThat(Files.readString(stateDir.resolve("inventory.json"))).contains("\"schemaVersion\" : 3");
        assertThat(store(stateDir).load()).isEqualTo(old);
    }

    @Test
    void anImageWhoseDataGoesWithItIsRememberedAcrossASaveAndALoad() {
        ManagedImage clean = new ManagedImage(
                "keep",
                "1",
                new Sha256("a".repeat(64)),
                "default",
                java.util.List.of("keep"),
                false,
                "/var/lib/portables/keep_1.raw",
                ManagedImage.Phase.ATTACHED,
                null,
                Limits.NONE,
                true);

        store(stateDir).save(Inventory.empty().with(clean));

        assertThat(store(stateDir).load().image("keep").orElseThrow().clean()).isTrue();
    }

    @Test
    void aSymlinkAtTheOldTemporaryNameIsNeverWrittenThrough() throws IOException {
        Path outside = Files.writeString(stateDir.resolve("outside"), "precious");
        Files.createSymbolicLink(stateDir.resolve(".#inventory.json.tmp"), outside);
        Files.createSymbolicLink(AtomicFiles.temporaryFor(stateDir.resolve("inventory.json")), outside);

        store(stateDir).save(Inventory.empty());

        assertThat(Files.readString(outside)).isEqualTo("precious");
        assertThat(store(stateDir).load()).isEqualTo(Inventory.empty());
    }

    @Test
    void theInventoryIsReadableByRootOnly() throws IOException {
        store(stateDir).save(Inventory.empty());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("inventory.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aSymlinkAtTheInventoryIsRefusedNotFollowedAndReplacedOnlyBySave() throws IOException {
        Path outside = stateDir.resolve("outside.json");
        try (var in = getClass().getResourceAsStream("/inventory/schema-1.json")) {
            Files.write(outside, in.readAllBytes());
        }
        byte[] before = Files.readAllBytes(outside);
        Files.createSymbolicLink(stateDir.resolve("inventory.json"), outside);

        assertThatThrownBy(() -> store(stateDir).load())
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.StateUnavailable))
                .hasMessageContaining(stateDir.resolve("inventory.json") + ": it is not a regular file but a symbolic"
                        + " link to " + outside)
                .hasMessageContaining("repair it or move it away");
        assertThat(Files.isSymbolicLink(stateDir.resolve("inventory.json"))).isTrue();

        store(stateDir).save(Inventory.empty());

        assertThat(Files.readAllBytes(outside)).isEqualTo(before);
        assertThat(Files.isSymbolicLink(stateDir.resolve("inventory.json"))).isFalse();
    }

    @Test
    void aHardLinkAtTheInventoryIsRefusedAndTheOtherFileNeverWritten() throws IOException {
        Path outside = Files.writeString(stateDir.resolve("outside"), "{\"schemaVersion\": 2}");
        Files.createLink(stateDir.resolve("inventory.json"), outside);

        assertThatThrownBy(() -> store(stateDir).load()).hasMessageContaining("a file with 2 hard links");
        store(stateDir).save(Inventory.empty());

        assertThat(Files.readString(outside)).isEqualTo("{\"schemaVersion\": 2}");
    }

    /** Each row edits the checked-in schema 1 inventory: replace this text, by that, and the message names that. */
    @ParameterizedTest(name = "{3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/var/lib/portables/hello_1.0.raw | /etc/passwd | files[\"/etc/passwd\"] | a file outside the pool",
                "/var/lib/portables/hello_1.0.raw | /var/lib/portables/../../../etc/passwd"
                        + " | files[\"/var/lib/portables/../../../etc/passwd\"] | a way out of the pool",
                "/var/lib/portables/hello_1.0.raw | /var/lib/portables/sub/hello_1.0.raw"
                        + " | files[\"/var/lib/portables/sub/hello_1.0.raw\"] | a file below the pool",
                "/var/lib/portables/hello_1.0.raw | /var/lib/portables/.#hello_1.0.raw.partial"
                        + " | files[\"/var/lib/portables/.#hello_1.0.raw.partial\"] | a hidden name",
                "/var/lib/portables/hello_1.0.raw | hello_1.0.raw | files[\"hello_1.0.raw\"] | a relative path",
                "/var/lib/portables/hello_1.0.raw | /var/lib/portables//hello_1.0.raw"
                        + " | files[\"/var/lib/portables//hello_1.0.raw\"] | a path not as Berth writes it",
                "/var/lib/portables/gone_3.raw | /root/gone.raw | images[\"gone\"].imagePath | an image outside",
                "/var/lib/portables/web_1.raw | /etc/shadow | images[\"web\"].previous.imagePath"
                        + " | a previous image outside",
                "'\"hello\"' | '\"../hello\"' | images[\"../hello\"]: \"../hello\" is not a valid image name"
                        + " | an invalid image name",
                "'\"path\" : \"/var/lib/portables/web_2.raw\"' | '\"path\" : \"/etc/passwd\"'"
                        + " | files[\"/var/lib/portables/web_2.raw\"] has path \"/etc/passwd\", not its key"
                        + " | a path that is not its key",
            })
    void anEntryNamingAFileOutsideThePoolIsRefusedAndNothingIsTouched(
            String replace, String by, String named, String what) throws IOException {
        Path outside = Files.writeString(stateDir.resolve("outside"), "precious");
        String text;
        try (var in = getClass().getResourceAsStream("/inventory/schema-1.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text).contains(replace);
        Path file = Files.writeString(stateDir.resolve("inventory.json"), text.replace(replace, by));

        assertThatThrownBy(() -> store(stateDir).load())
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.StateUnavailable))
                .hasMessageStartingWith("cannot read Berth's inventory " + file + ": ")
                .hasMessageContaining(named)
                .hasMessageContaining("repair it or move it away");
        assertThat(Files.readString(file)).isEqualTo(text.replace(replace, by));
        assertThat(Files.readString(outside)).isEqualTo("precious");
    }
}

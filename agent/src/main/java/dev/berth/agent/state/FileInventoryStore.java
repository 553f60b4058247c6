package dev.berth.agent.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.fetchers.fs.SafeFiles;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.state.Inventory;
import dev.berth.reconciler.port.InventoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The inventory as {@code inventory.json} in the state directory, with a schema version, readable by root only. A
 * file Berth cannot read is never replaced silently: losing it would make Berth forget what it owns. A file that
 * names anything outside the pool is refused as a whole (see {@link InventoryRules}): Berth deletes what it lists.
 */
public final class FileInventoryStore implements InventoryStore {
    public static final String FILE_NAME = "inventory.json";
    /** Far more than a host's inventory takes; a bigger file is not one Berth wrote. */
    private static final int MAX_BYTES = 16 << 20;

    private static final ObjectMapper JSON = StateJson.STRICT;

    private final Path file;
    private final Path poolDir;
    /** The last file read and what it said: a pass reads the inventory a few times, and it rarely changes. */
    private volatile @Nullable Parsed last;

    /**
     * @param poolDir the image pool, as the planner names the files in it (the same spelling): every file and image
     *     path in the inventory must be directly inside it
     */
    public FileInventoryStore(Path stateDir, Path poolDir) {
        this.file = stateDir.resolve(FILE_NAME);
        this.poolDir = poolDir.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    @Override
    public Inventory load() {
        byte[] bytes;
        try {
            Optional<byte[]> read = AtomicFiles.read(file, MAX_BYTES);
            if (read.isEmpty()) {
                return Inventory.empty();
            }
            bytes = read.get();
        } catch (IOException e) {
            throw unreadable(String.valueOf(e.getMessage()));
        }
        Parsed known = last;
        if (known != null && Arrays.equals(known.bytes(), bytes)) {
            return known.inventory();
        }
        Inventory inventory = parse(bytes);
        last = new Parsed(bytes, inventory);
        return inventory;
    }

    private Inventory parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw unreadable(String.valueOf(e.getMessage()));
        }
        int schema = root.path("schemaVersion").asInt(-1);
        if (schema > InventoryFile.SCHEMA) {
            throw unreadable("it was written by a newer Berth (schema " + schema + "); upgrade Berth");
        }
        if (schema < InventoryFile.OLDEST_READ) {
            throw unreadable("it has no valid schemaVersion");
        }
        Inventory inventory;
        try {
            inventory = JSON.treeToValue(root, InventoryFile.class).toInventory();
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw unreadable(String.valueOf(e.getMessage()));
        }
        List<String> problems = InventoryRules.problems(inventory, poolDir);
        if (!problems.isEmpty()) {
            throw unreadable(String.join("; ", problems));
        }
        return inventory;
    }

    @Override
    public void save(Inventory inventory) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(InventoryFile.of(inventory)), SafeFiles.PRIVATE);
        } catch (IOException e) {
            throw new BerthException(
                    Reason.StateUnavailable,
                    "cannot write Berth's inventory " + file + ": " + e.getMessage()
                            + "; check that the state directory is writable and the disk is not full",
                    e);
        }
    }

    private BerthException unreadable(String why) {
        return new BerthException(
                Reason.StateUnavailable,
                "cannot read Berth's inventory " + file + ": " + why
                        + ". Berth will not act on it nor overwrite it: repair it or move it away (Berth then starts over"
                        + " and treats every attached image as unmanaged)");
    }

    private record Parsed(byte[] bytes, Inventory inventory) {}
}

package dev.berth.agent.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.fetchers.fs.SafeFiles;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.reconciler.port.FirstSeen;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * First sightings as {@code STATE/rollouts.json}, replaced atomically (never written through a link) whenever one
 * is added or forgotten. Opened read-only by a process that does not hold the state lock ({@code berth plan}): it
 * sees the recorded times and writes nothing.
 */
public final class FileFirstSeen implements FirstSeen {
    public static final String FILE_NAME = "rollouts.json";
    private static final int SCHEMA = 1;
    /** Far more than the sightings of a manifest take; a bigger file is not one Berth wrote. */
    private static final int MAX_BYTES = 4 << 20;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path file;
    private final boolean writes;

    private FileFirstSeen(Path stateDir, boolean writes) {
        this.file = stateDir.resolve(FILE_NAME);
        this.writes = writes;
    }

    /** For the process that holds the state lock: records and forgets. */
    public static FileFirstSeen recording(Path stateDir) {
        return new FileFirstSeen(stateDir, true);
    }

    /** For a process that changes nothing: a version never seen is seen now, but not recorded. */
    public static FileFirstSeen readOnly(Path stateDir) {
        return new FileFirstSeen(stateDir, false);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Map<String, Instant> seen(Map<String, String> current, Instant now) {
        List<Sighting> before = load();
        List<Sighting> after = new ArrayList<>();
        Map<String, Instant> times = new LinkedHashMap<>();
        current.forEach((image, version) -> {
            Sighting sighting = before.stream()
                    .filter(s -> s.image().equals(image) && s.version().equals(version))
                    .findFirst()
                    .orElse(new Sighting(image, version, now));
            after.add(sighting);
            times.put(image, sighting.firstSeen());
        });
        if (writes && !after.equals(before)) {
            save(after);
        }
        return times;
    }

    private List<Sighting> load() {
        Optional<byte[]> bytes;
        try {
            bytes = AtomicFiles.read(file, MAX_BYTES);
        } catch (IOException e) {
            throw unreadable(String.valueOf(e.getMessage()));
        }
        if (bytes.isEmpty()) {
            return List.of();
        }
        try {
            JsonNode root = JSON.readTree(bytes.get());
            int schema = root.path("schemaVersion").asInt(-1);
            if (schema != SCHEMA) {
                throw unreadable(
                        schema > SCHEMA
                                ? "it was written by a newer Berth (schema " + schema + ")"
                                : "no valid schema");
            }
            return List.copyOf(JSON.treeToValue(root, Sightings.class).sightings());
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw unreadable(String.valueOf(e.getMessage()));
        }
    }

    private void save(List<Sighting> sightings) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(new Sightings(SCHEMA, sightings)), SafeFiles.PRIVATE);
        } catch (IOException e) {
            throw new BerthException(
                    Reason.StateUnavailable,
                    "cannot write " + file + ": " + e.getMessage()
                            + "; check that the state directory is writable and the disk is not full");
        }
    }

    private BerthException unreadable(String why) {
        return new BerthException(
                Reason.StateUnavailable,
                "cannot read when this host first saw the versions that roll out, " + file + ": " + why
                        + "; delete it to start those rollouts' clocks again from now");
    }

    /** The file: a schema version and one entry per image whose rollout started when this host saw it. */
    record Sightings(int schemaVersion, List<Sighting> sightings) {
        Sightings {
            sightings = List.copyOf(sightings);
        }
    }

    /** When this host first saw {@code image} at {@code version}. */
    record Sighting(String image, String version, Instant firstSeen) {
        Sighting {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(firstSeen, "firstSeen");
        }
    }
}

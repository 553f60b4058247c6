package dev.berth.agent.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.agent.state.AtomicFiles;
import dev.berth.fetchers.fs.SafeFiles;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code STATE/status.json}, replaced atomically after every pass. Readable by everyone (mode 0644): monitoring and
 * {@code berth status} read it as any user.
 */
public final class StatusFile {
    public static final String FILE_NAME = "status.json";
    /** Far more than a status takes; a bigger file is not one Berth wrote. */
    private static final int MAX_BYTES = 16 << 20;

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private final Path file;

    public StatusFile(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    public Path path() {
        return file;
    }

    /** What reading the status file found: each case needs its own words for the person asking. */
    public sealed interface Reading {
        /** The status, when there is one to use. */
        default Optional<AgentStatus> status() {
            return Optional.empty();
        }

        <T> T accept(Visitor<T> visitor);
    }

    /** No status file: the agent has not finished a pass in this state directory. */
    public record Missing() implements Reading {
        @Override
        public <T> T accept(Visitor<T> visitor) {
            return visitor.missing();
        }
    }

    /** A status file that cannot be read or makes no sense: garbled, not a regular file, not permitted. */
    public record Unreadable(String why) implements Reading {
        public Unreadable {
            Objects.requireNonNull(why, "why");
        }

        @Override
        public <T> T accept(Visitor<T> visitor) {
            return visitor.unreadable(why);
        }
    }

    /** A status file written by a newer Berth, with a schema this one does not know. */
    public record FromNewerBerth(int schema) implements Reading {
        @Override
        public <T> T accept(Visitor<T> visitor) {
            return visitor.fromNewerBerth(schema);
        }
    }

    /** The status of the agent's last pass. */
    public record Read(AgentStatus agentStatus) implements Reading {
        public Read {
            Objects.requireNonNull(agentStatus, "agentStatus");
        }

        @Override
        public Optional<AgentStatus> status() {
            return Optional.of(agentStatus);
        }

        @Override
        public <T> T accept(Visitor<T> visitor) {
            return visitor.read(agentStatus);
        }
    }

    /** One method per kind of {@link Reading}. */
    public interface Visitor<T> {
        T missing();

        T unreadable(String why);

        T fromNewerBerth(int schema);

        T read(AgentStatus status);
    }

    /** Reads the status without following a link; never throws. */
    public Reading read() {
        JsonNode root;
        try {
            Optional<byte[]> bytes = AtomicFiles.read(file, MAX_BYTES);
            if (bytes.isEmpty()) {
                return new Missing();
            }
            root = JSON.readTree(bytes.get());
        } catch (IOException e) {
            return new Unreadable(why(e));
        }
        int schema = root.path("schemaVersion").asInt(-1);
        if (schema > AgentStatus.SCHEMA) {
            return new FromNewerBerth(schema);
        }
        if (schema >= 1 && schema < AgentStatus.OLDEST_READ) {
            return new Unreadable("it was written by an older Berth (status schema " + schema + ")");
        }
        if (schema < 1) {
            return new Unreadable("it has no valid schemaVersion");
        }
        try {
            return new Read(JSON.treeToValue(root, AgentStatus.class));
        } catch (IOException | IllegalArgumentException e) {
            return new Unreadable(why(e));
        }
    }

    /** Jackson's own words without the location and excerpt it appends on further lines. */
    private static String why(Exception e) {
        return String.valueOf(e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage());
    }

    public void write(AgentStatus status) {
        write(status, true);
    }

    /**
     * Writes the status, durably or not.
     *
     * @param durable false when only the times of the last pass changed: the file is then replaced without fsync
     *     (see docs/design.md), since the next pass writes them again and a crash loses nothing else
     */
    public void write(AgentStatus status, boolean durable) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(status);
            if (durable) {
                AtomicFiles.write(file, bytes, SafeFiles.PUBLIC);
            } else {
                AtomicFiles.replace(file, bytes, SafeFiles.PUBLIC);
            }
        } catch (IOException e) {
            throw new BerthException(Reason.StateUnavailable, "cannot write " + file + ": " + e.getMessage());
        }
    }
}

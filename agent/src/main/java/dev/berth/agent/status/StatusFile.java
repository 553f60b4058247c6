package dev.berth.agent.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.agent.state.AtomicFiles;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code STATE/status.json}, replaced atomically after every pass. */
public final class StatusFile {
    public static final String FILE_NAME = "status.json";
    private static final Logger LOG = LoggerFactory.getLogger(StatusFile.class);
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final Path file;

    public StatusFile(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    public Path path() {
        return file;
    }

    /** The last status, if a pass ever wrote one and it can be read. */
    public Optional<AgentStatus> read() {
        try {
            AgentStatus status = JSON.readValue(Files.readAllBytes(file), AgentStatus.class);
            return status.schemaVersion() == AgentStatus.SCHEMA ? Optional.of(status) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("ignoring unreadable {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    public void write(AgentStatus status) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(status));
        } catch (IOException e) {
            throw new BerthException(Reason.StateUnavailable, "cannot write " + file + ": " + e.getMessage());
        }
    }
}

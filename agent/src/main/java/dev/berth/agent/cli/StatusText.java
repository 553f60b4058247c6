package dev.berth.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.berth.agent.render.WindowsView;
import dev.berth.agent.status.AgentStatus;
import dev.berth.model.fleet.HostIdentity;
import dev.berth.model.fleet.MaintenanceWindows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The agent's status as a table a person reads at a glance. */
final class StatusText {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private StatusText() {}

    /** The status file as it is, and the host's maintenance windows when it has some. */
    static ObjectNode json(AgentStatus status, MaintenanceWindows windows, Instant now) {
        ObjectNode json = JSON.valueToTree(status);
        if (!windows.isEmpty()) {
            json.set("maintenance", WindowsView.json(windows, now));
        }
        return json;
    }

    static List<String> lines(AgentStatus status, MaintenanceWindows windows, Instant now) {
        List<String> lines = new ArrayList<>();
        AgentStatus.LastPass pass = status.lastPass();
        lines.add("Last pass by " + status.runner() + " " + status.version() + " (pid " + status.pid() + ", started "
                + status.started() + ")");
        AgentStatus.HostStatus host = status.host();
        if (host != null) {
            lines.add("Host:        " + host.name() + " " + labels(host.labels()) + ", machine-id " + host.machineId());
        }
        WindowsView.describe(windows, now).ifPresent(w -> lines.add("Maintenance: " + w));
        lines.add("Last pass:   " + pass.finished() + ", " + pass.outcome() + " (woken by " + pass.cause() + ")");
        lines.add("Converged:   " + (status.lastConverged() == null ? "never" : status.lastConverged()));
        if (pass.source() != null) {
            lines.add("Source:      " + pass.source() + " (revision " + Reporter.shortRevision(dash(pass.revision()))
                    + ")");
        }
        pass.notices().forEach(n -> lines.add("  notice:    " + n.reason() + ": " + n.message()));
        if (pass.error() != null) {
            lines.add("  error:     " + pass.error().reason() + ": "
                    + firstLine(pass.error().message()));
        }
        lines.add("");
        lines.add(String.format(
                "%-14s %-10s %-10s %-10s %-10s %-16s %-10s %s",
                "IMAGE", "OUTCOME", "DESIRED", "ATTACHED", "PROFILE", "STATE", "HEALTH", "NOTE"));
        for (AgentStatus.ImageStatus image : status.images()) {
            lines.add(String.format(
                            "%-14s %-10s %-10s %-10s %-10s %-16s %-10s %s",
                            image.name(),
                            image.outcome(),
                            dash(image.desiredVersion()),
                            dash(image.attachedVersion()),
                            dash(Objects.requireNonNullElse(image.attachedProfile(), image.desiredProfile())),
                            image.state(),
                            image.health(),
                            note(image))
                    .stripTrailing());
        }
        status.unmanaged().forEach(u -> lines.add(String.format("%-14s %s", u, "attached outside Berth; left alone")));
        return lines;
    }

    private static String note(AgentStatus.ImageStatus image) {
        if (image.lastError() != null) {
            AgentStatus.Problem error = image.lastError();
            String undone = error.undone().describe();
            String restored = undone.isEmpty() ? "" : " (" + undone + ")";
            String held = image.held() != null && image.held().reason().equals(error.reason())
                    ? "; not retried until its manifest entry changes"
                    : "";
            return error.reason() + " at " + error.at() + restored + held + ": " + firstLine(error.message());
        }
        if (image.waiting() != null) {
            return image.waiting();
        }
        if (image.held() != null) {
            return "held: " + image.held().reason() + ": "
                    + firstLine(image.held().message());
        }
        if (image.drift() != null) {
            return "drift: " + image.drift();
        }
        return image.healthDetail();
    }

    private static String labels(Map<String, String> labels) {
        return labels.isEmpty() ? "(no labels)" : "(" + HostIdentity.describe(labels) + ")";
    }

    private static String dash(@Nullable String value) {
        return value == null ? "-" : value;
    }

    private static String firstLine(@Nullable String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}

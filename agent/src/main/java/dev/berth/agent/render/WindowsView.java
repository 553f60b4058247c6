package dev.berth.agent.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.fleet.MaintenanceWindow;
import dev.berth.model.fleet.MaintenanceWindows;
import java.time.Instant;
import java.util.Optional;

/** A host's maintenance windows and whether one is open, in one line for people and as JSON. */
public final class WindowsView {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private WindowsView() {}

    /**
     * "mon-fri 02:00 for 2h Europe/Berlin; closed, opens at 2026-12-07T01:00:00Z", or "...; open until TIME"; empty
     * without windows.
     */
    public static Optional<String> describe(MaintenanceWindows windows, Instant now) {
        if (windows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(windows.describe() + "; " + state(windows, now));
    }

    private static String state(MaintenanceWindows windows, Instant now) {
        if (windows.isOpen(now)) {
            return windows.closes(now).map(at -> "open until " + at).orElse("open");
        }
        return "closed, opens at " + windows.nextOpening(now).orElseThrow();
    }

    /** {"windows": ["mon-fri 02:00 for 2h Europe/Berlin"], "open": false, "opens": TIME} or {..., "closes": TIME}. */
    public static ObjectNode json(MaintenanceWindows windows, Instant now) {
        ObjectNode node = F.objectNode();
        windows.windows().stream().map(MaintenanceWindow::describe).forEach(node.putArray("windows")::add);
        boolean open = windows.isOpen(now);
        node.put("open", open);
        if (open) {
            windows.closes(now).ifPresent(at -> node.put("closes", at.toString()));
        } else {
            windows.nextOpening(now).ifPresent(at -> node.put("opens", at.toString()));
        }
        return node;
    }
}

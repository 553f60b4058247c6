package dev.berth.agent.dbus;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.Variant;

/**
 * Removes stopped units' state, cache, logs and runtime directories, as {@code systemctl clean --what=all} does:
 * CleanUnit with "all" (systemd 243 and later). systemd cleans only an inactive unit (not a failed one, so the
 * failure is reset first) and does the removal in the background, the unit in "maintenance" meanwhile, so this
 * waits for it. A unit that is not loaded any more, or has nothing it could clean ({@code CanClean} empty), is
 * left alone: cleaning again after a crash finds nothing to do.
 */
final class UnitCleaner {
    private static final String UNIT = "org.freedesktop.systemd1.Unit";
    private static final Duration POLL = Duration.ofMillis(50);

    private final Bus bus;
    private final Duration timeout;

    UnitCleaner(Bus bus, Duration timeout) {
        this.bus = bus;
        this.timeout = timeout;
    }

    /** Cleans each unit in turn; returns the units cleaned. */
    List<String> clean(List<String> units, String action) throws DBusException {
        List<String> cleaned = new ArrayList<>();
        for (String unit : units) {
            Map<String, Variant<?>> props = bus.properties(SystemdManager.BUS_NAME, UnitReader.objectPath(unit))
                    .GetAll(UNIT);
            if (!"loaded".equals(UnitReader.string(props, "LoadState"))
                    || UnitReader.strings(props, "CanClean").isEmpty()) {
                continue;
            }
            if ("failed".equals(UnitReader.string(props, "ActiveState"))) {
                bus.systemd().resetFailedUnit(unit);
            }
            bus.systemd().cleanUnit(unit, List.of("all"));
            awaitCleaned(unit, action);
            cleaned.add(unit);
        }
        return cleaned;
    }

    private void awaitCleaned(String unit, String action) throws DBusException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            String state = bus.properties(SystemdManager.BUS_NAME, UnitReader.objectPath(unit))
                    .Get(UNIT, "ActiveState")
                    .toString();
            if ("failed".equals(state)) {
                throw new BerthException(
                        Reason.DetachFailed,
                        action + ": systemd could not remove the directories of " + unit + "; see journalctl -u " + unit
                                + ", remove them by hand or drop clean: true from the manifest entry");
            }
            if (!"maintenance".equals(state)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new BerthException(
                        Reason.DetachFailed,
                        action + ": systemd was still removing the directories of " + unit + " after " + timeout
                                + "; the next pass tries again");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BerthException(Reason.DetachFailed, action + ": interrupted while " + unit + " was cleaned");
            }
        }
    }
}

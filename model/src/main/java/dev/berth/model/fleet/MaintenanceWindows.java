package dev.berth.model.fleet;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * This host's maintenance windows ({@code maintenance:} in the agent configuration), which may overlap. None means
 * no windows at all: nothing ever waits for one, so {@link #isEmpty()} comes before any question about the time.
 */
public record MaintenanceWindows(List<MaintenanceWindow> windows) {
    public static final MaintenanceWindows NONE = new MaintenanceWindows(List.of());

    /** How many overlapping openings {@link #closes} follows before it calls the windows open for good. */
    private static final int CHAINED = 64;

    public MaintenanceWindows {
        windows = List.copyOf(windows);
    }

    public boolean isEmpty() {
        return windows.isEmpty();
    }

    /** Whether some window is open at {@code now}; false when there are none. */
    public boolean isOpen(Instant now) {
        return windows.stream().anyMatch(w -> w.isOpen(now));
    }

    /** The first time after {@code now} that a window opens; empty when there are none. */
    public Optional<Instant> nextOpening(Instant now) {
        return windows.stream().map(w -> w.nextOpening(now)).min(Comparator.naturalOrder());
    }

    /**
     * When the windows open at {@code now} all close: windows that overlap or touch count as one. Empty when none is
     * open, or when they never all close (together they cover the whole week).
     */
    public Optional<Instant> closes(Instant now) {
        Optional<Instant> end = latestClose(now);
        for (int i = 0; i < CHAINED && end.isPresent(); i++) {
            Optional<Instant> later = latestClose(end.get());
            if (later.isEmpty()) {
                return end;
            }
            end = later;
        }
        return Optional.empty();
    }

    private Optional<Instant> latestClose(Instant at) {
        return windows.stream().map(w -> w.closes(at)).flatMap(Optional::stream).max(Comparator.naturalOrder());
    }

    /** "mon-fri 02:00 for 2h Europe/Berlin; sun 04:00 for 1h UTC". */
    public String describe() {
        return windows.stream().map(MaintenanceWindow::describe).collect(Collectors.joining("; "));
    }
}

package dev.berth.reconciler.health;

import dev.berth.model.BerthException;
import dev.berth.model.ImageSpec;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.reconciler.port.HealthGate;
import dev.berth.reconciler.port.HttpProbe;
import dev.berth.reconciler.port.PortableHost;
import dev.berth.reconciler.port.Sleeper;
import dev.berth.reconciler.port.UnitLogs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The health gate of the agent: after a change, the image's units must become active and stay active for the
 * stable window without restarting or failing, within the timeout; a socket-, timer- or path-activated image is
 * healthy when its triggers are. With a health URL, it must answer 2xx during the window too.
 */
public final class UnitHealthGate implements HealthGate {
    private static final int LOG_LINES = 10;

    private final PortableHost host;
    private final HealthPolicy defaults;
    private final HttpProbe probe;
    private final UnitLogs logs;
    private final Clock clock;
    private final Sleeper sleeper;

    public UnitHealthGate(
            PortableHost host, HealthPolicy defaults, HttpProbe probe, UnitLogs logs, Clock clock, Sleeper sleeper) {
        this.host = host;
        this.defaults = defaults;
        this.probe = probe;
        this.logs = logs;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public void await(ImageSpec spec) {
        BerthException failed = awaitAll(List.of(spec)).get(spec.name());
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Watches the images' windows together: one look at the host serves them all, and an image leaves the watch as
     * soon as it passed or failed, so images changed one after the other take one window, not one each. Each look
     * reads only the open images, in full ({@link PortableHost#inspect}: restart counts and results included).
     */
    @Override
    public Map<String, BerthException> awaitAll(List<ImageSpec> specs) {
        Instant opened = clock.instant();
        List<ImageWatch> open = new ArrayList<>();
        specs.forEach(spec -> open.add(new ImageWatch(spec, defaults, probe, opened)));
        Map<String, BerthException> failed = new LinkedHashMap<>();
        while (!open.isEmpty()) {
            Instant now = clock.instant();
            List<AttachedImage> attached = inspect(open);
            Duration next = null;
            for (Iterator<ImageWatch> it = open.iterator(); it.hasNext(); ) {
                ImageWatch watch = it.next();
                ImageWatch.State state = watch.look(attached, now);
                if (state instanceof ImageWatch.State.Open o) {
                    next = min(next == null ? o.left() : next, o.left());
                    continue;
                }
                if (state instanceof ImageWatch.State.Failed f) {
                    failed.put(watch.spec().name(), unhealthy(watch.spec(), f.why(), f.unit()));
                }
                it.remove();
            }
            if (next != null && !sleep(min(defaults.pollEvery(), next))) {
                open.forEach(w -> failed.put(
                        w.spec().name(),
                        new BerthException(
                                Reason.HealthCheckFailed,
                                "the health check of " + w.spec().label() + " was interrupted")));
                return failed;
            }
        }
        return failed;
    }

    /** The open images as the host shows them now, each read in full; one that is no longer attached is left out. */
    private List<AttachedImage> inspect(List<ImageWatch> open) {
        List<AttachedImage> seen = new ArrayList<>();
        open.forEach(watch -> host.inspect(watch.spec().name()).ifPresent(seen::add));
        return seen;
    }

    private BerthException unhealthy(ImageSpec spec, String why, Optional<String> unit) {
        StringBuilder message = new StringBuilder(
                "image " + spec.label() + " (profile " + spec.profile() + ") failed its health check: " + why);
        unit.ifPresent(u -> {
            List<String> tail = logs.tail(u, LOG_LINES);
            if (!tail.isEmpty()) {
                message.append("; last log lines of ")
                        .append(u)
                        .append(":\n    ")
                        .append(String.join("\n    ", tail));
            }
        });
        return new BerthException(Reason.HealthCheckFailed, message.toString());
    }

    /** @return false when interrupted */
    private boolean sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

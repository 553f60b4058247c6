package dev.berth.reconciler.fake;

import dev.berth.reconciler.port.FleetHealth;
import dev.berth.reconciler.port.FleetReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** A fleet in memory: hosts report versions failed or stop doing so, the fleet goes down; every question kept. */
public final class FakeFleetHealth implements FleetHealth {
    private final Map<String, TreeSet<String>> failedOn = new TreeMap<>();
    private final List<String> asked = new ArrayList<>();
    private Optional<String> down = Optional.empty();

    /** {@code host} reports {@code image} at {@code version} as failed. */
    public synchronized void fail(String image, String version, String host) {
        failedOn.computeIfAbsent(image + " " + version, k -> new TreeSet<>()).add(host);
    }

    /** No host reports anything failed any more. */
    public synchronized void recover() {
        failedOn.clear();
    }

    /** The fleet's health cannot be asked, for {@code why}; empty: it can again. */
    public synchronized void down(Optional<String> why) {
        down = why;
    }

    /** Every "image version" asked about, in order. */
    public synchronized List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public synchronized FleetReport report(String image, String version) {
        asked.add(image + " " + version);
        if (down.isPresent()) {
            return new FleetReport.Unknown(down.get());
        }
        TreeSet<String> hosts = failedOn.get(image + " " + version);
        return hosts == null ? new FleetReport.Healthy() : new FleetReport.Failed(List.copyOf(hosts));
    }
}

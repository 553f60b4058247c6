package dev.berth.fetchers;

import java.util.ArrayList;
import java.util.List;

/** A progress listener that writes down every event as text. */
final class RecordingProgress implements ProgressListener {
    private final List<String> events = new ArrayList<>();

    @Override
    public synchronized void started(String label, long done, long total) {
        events.add("started " + label + " " + done + "/" + total);
    }

    @Override
    public synchronized void advanced(long done) {
        events.add("advanced " + done);
    }

    @Override
    public synchronized void ended(long done, boolean complete) {
        events.add("ended " + done + (complete ? " complete" : " incomplete"));
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }
}

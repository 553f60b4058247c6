package dev.berth.fetchers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that only writes down how long it was asked to wait. */
final class RecordingSleeper implements Sleeper {
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}

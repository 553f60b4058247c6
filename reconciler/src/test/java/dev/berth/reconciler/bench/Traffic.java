package dev.berth.reconciler.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the fleet asks of its servers: each git fetch by the second it was made, and each image download with how
 * long it takes. Times are counted from {@code from}; what came before (the fleet's first passes) is not kept.
 */
final class Traffic {
    private final Clock clock;
    private final Instant from;
    private final Instant downloadsFrom;
    private int[] fetches = new int[3600];
    private final List<Download> downloads = new ArrayList<>();

    /** @param downloadsFrom when downloads start to count (the fleet's first downloads, before, do not) */
    Traffic(Clock clock, Instant from, Instant downloadsFrom) {
        this.clock = clock;
        this.from = from;
        this.downloadsFrom = downloadsFrom;
    }

    /** One download, from the moment it started for as long as it took. */
    record Download(Instant started, Duration takes) {
        Instant ends() {
            return started.plus(takes);
        }
    }

    /**
     * Requests per second over a stretch of time.
     *
     * @param peakAt the start of the busiest second
     */
    record Rate(double average, int peak, Instant peakAt) {}

    void gitFetch() {
        long second = Duration.between(from, clock.instant()).toSeconds();
        if (second < 0) {
            return;
        }
        if (second >= fetches.length) {
            fetches = Arrays.copyOf(fetches, (int) Math.max(second + 1, 2L * fetches.length));
        }
        fetches[(int) second]++;
    }

    void download(Duration takes) {
        if (!clock.instant().isBefore(downloadsFrom)) {
            downloads.add(new Download(clock.instant(), takes));
        }
    }

    List<Download> downloads() {
        return List.copyOf(downloads);
    }

    /** Git fetches per second in [{@code start}, {@code start + length}). */
    Rate git(Duration start, Duration length) {
        int first = (int) start.toSeconds();
        int end = (int) Math.min(first + length.toSeconds(), fetches.length);
        long total = 0;
        int peak = 0;
        int peakAt = first;
        for (int s = first; s < end; s++) {
            total += fetches[s];
            if (fetches[s] > peak) {
                peak = fetches[s];
                peakAt = s;
            }
        }
        return new Rate((double) total / length.toSeconds(), peak, from.plusSeconds(peakAt));
    }

    /** Downloads started per second over the whole run (a download is one request to the image server). */
    Rate downloadStarts(Duration length) {
        int[] starts = new int[(int) length.toSeconds() + 1];
        for (Download d : downloads) {
            long s = Duration.between(from, d.started()).toSeconds();
            if (s < starts.length) {
                starts[(int) s]++;
            }
        }
        int peakAt = 0;
        for (int s = 0; s < starts.length; s++) {
            peakAt = starts[s] > starts[peakAt] ? s : peakAt;
        }
        return new Rate((double) downloads.size() / length.toSeconds(), starts[peakAt], from.plusSeconds(peakAt));
    }

    /** The most downloads under way at one moment, and that moment. */
    Concurrency busiest() {
        List<long[]> edges = new ArrayList<>();
        for (Download d : downloads) {
            edges.add(new long[] {d.started().toEpochMilli(), 1});
            edges.add(new long[] {d.ends().toEpochMilli(), -1});
        }
        // Ends before starts at the same millisecond: a download that ended does not overlap the next.
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        Concurrency best = new Concurrency(0, from);
        for (long[] e : edges) {
            now += (int) e[1];
            if (now > best.downloads()) {
                best = new Concurrency(now, Instant.ofEpochMilli(e[0]));
            }
        }
        return best;
    }

    /** How many downloads ran at once, at {@code at}. */
    record Concurrency(int downloads, Instant at) {}
}

package dev.berth.reconciler.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the fleet asks of its servers: git fetches and questions to Prometheus by the second they were made, and each
 * image download with how long it takes. Times are counted from {@code from}; what came before is not kept.
 */
final class Traffic {
    private final Clock clock;
    private final Instant from;
    private final Instant downloadsFrom;
    private final PerSecond fetches = new PerSecond();
    private final PerSecond questions = new PerSecond();
    private final PerSecond downloadStarts = new PerSecond();
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
        fetches.add(now());
    }

    /** A rollout gate asked the fleet's health (Prometheus's query API) about a version. */
    void prometheusQuery() {
        questions.add(now());
    }

    void download(Duration takes) {
        if (!clock.instant().isBefore(downloadsFrom)) {
            downloads.add(new Download(clock.instant(), takes));
            downloadStarts.add(now());
        }
    }

    List<Download> downloads() {
        return List.copyOf(downloads);
    }

    /** Git fetches per second in [{@code start}, {@code start + length}) from {@code from}. */
    Rate git(Duration start, Duration length) {
        return fetches.rate(start, length);
    }

    /** Questions to Prometheus per second in [{@code start}, {@code start + length}). */
    Rate prometheus(Duration start, Duration length) {
        return questions.rate(start, length);
    }

    /** Downloads started per second (a download is one request to the image server). */
    Rate downloadStarts(Duration start, Duration length) {
        return downloadStarts.rate(start, length);
    }

    private long now() {
        return Duration.between(from, clock.instant()).toSeconds();
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

    /** Counts by the second; seconds before {@code from} are not counted. */
    private final class PerSecond {
        private int[] counts = new int[3600];

        void add(long second) {
            if (second < 0) {
                return;
            }
            if (second >= counts.length) {
                counts = Arrays.copyOf(counts, (int) Math.max(second + 1, 2L * counts.length));
            }
            counts[(int) second]++;
        }

        Rate rate(Duration start, Duration length) {
            int first = (int) start.toSeconds();
            int end = (int) Math.min(first + length.toSeconds(), counts.length);
            long total = 0;
            int peakAt = first;
            for (int s = first; s < end; s++) {
                total += counts[s];
                peakAt = counts[s] > counts[peakAt] ? s : peakAt;
            }
            int peak = peakAt < counts.length ? counts[peakAt] : 0;
            return new Rate((double) total / length.toSeconds(), peak, from.plusSeconds(peakAt));
        }
    }
}

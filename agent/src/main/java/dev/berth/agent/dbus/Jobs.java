package dev.berth.agent.dbus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Waits for systemd jobs. A batch is opened BEFORE the jobs are queued, because a quick job can finish (and its
 * JobRemoved signal arrive) before StartUnit has even returned its path.
 */
final class Jobs {
    private final List<Batch> open = new CopyOnWriteArrayList<>();

    /** Called on dbus-java's signal thread for every JobRemoved. */
    void removed(String job, String unit, String result) {
        for (Batch batch : open) {
            batch.finished(job, unit, result);
        }
    }

    Batch open() {
        Batch batch = new Batch();
        open.add(batch);
        return batch;
    }

    /** The outcome of one job: its unit and systemd's result word (done, failed, canceled, timeout...). */
    record Outcome(String unit, String result) {
        boolean ok() {
            return result.equals("done") || result.equals("skipped");
        }
    }

    /** The jobs of one operation. */
    final class Batch implements AutoCloseable {
        private final Map<String, String> unitOfJob = new LinkedHashMap<>();
        private final Map<String, Outcome> finished = new HashMap<>();

        synchronized void finished(String job, String unit, String result) {
            finished.put(job, new Outcome(unit, result));
            notifyAll();
        }

        synchronized void queued(String job, String unit) {
            unitOfJob.put(job, unit);
        }

        /**
         * Waits until every queued job finished or the time is up; returns the outcomes in queue order, with
         * result "unfinished" for jobs still running at the deadline.
         */
        synchronized List<Outcome> await(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!finished.keySet().containsAll(unitOfJob.keySet())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            List<Outcome> outcomes = new ArrayList<>();
            unitOfJob.forEach((job, unit) -> outcomes.add(finished.getOrDefault(job, new Outcome(unit, "unfinished"))));
            return outcomes;
        }

        @Override
        public void close() {
            open.remove(this);
        }
    }
}

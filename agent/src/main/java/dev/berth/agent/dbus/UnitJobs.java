package dev.berth.agent.dbus;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * Queues start, stop and restart jobs with systemd and waits for all of them, like {@code systemctl} without
 * --no-block. Every job is queued even when one is refused, so that one report names every unit that failed.
 */
final class UnitJobs {
    /** What to ask systemd for one unit. */
    enum Verb {
        START("start"),
        STOP("stop"),
        RESTART("restart"),
        TRY_RESTART("try-restart");

        private final String word;

        Verb(String word) {
            this.word = word;
        }
    }

    /** One job to queue. */
    record Job(Verb verb, String unit) {}

    private final Bus bus;
    private final Duration timeout;

    UnitJobs(Bus bus, Duration timeout) {
        this.bus = bus;
        this.timeout = timeout;
    }

    static List<Job> all(Verb verb, List<String> units) {
        return units.stream().map(unit -> new Job(verb, unit)).toList();
    }

    /**
     * Stops units in two rounds, sockets, timers and paths first: stopped together, a socket still holding a
     * connection its service never accepted starts that service again as soon as it stops (seen on systemd 257),
     * and portabled then refuses to detach an active unit.
     */
    void stop(List<String> units, Reason failed, String action) throws DBusException {
        List<String> triggers = units.stream().filter(UnitJobs::isTrigger).toList();
        List<String> others = units.stream().filter(u -> !isTrigger(u)).toList();
        run(all(Verb.STOP, triggers), failed, action);
        run(all(Verb.STOP, others), failed, action);
    }

    private static boolean isTrigger(String unit) {
        return unit.endsWith(".socket") || unit.endsWith(".timer") || unit.endsWith(".path");
    }

    /** Runs the jobs; throws {@code failed} naming each unit whose job did not finish "done". */
    void run(List<Job> jobs, Reason failed, String action) throws DBusException {
        if (jobs.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        try (Jobs.Batch batch = bus.jobs()) {
            SystemdManager systemd = bus.systemd();
            for (Job job : jobs) {
                try {
                    batch.queued(queue(systemd, job).getPath(), job.unit());
                } catch (DBusExecutionException e) {
                    if (BusErrors.unavailable(e)) {
                        throw e;
                    }
                    problems.add(job.unit() + " could not " + job.verb().word + ": " + e.getMessage());
                }
            }
            for (Jobs.Outcome outcome : batch.await(timeout)) {
                if (!outcome.ok()) {
                    problems.add(outcome.unit() + " did not " + verbOf(jobs, outcome.unit()) + " (job result '"
                            + outcome.result() + "'; see journalctl -u " + outcome.unit() + ")");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException(failed, action + ": interrupted while waiting for systemd's jobs", e);
        }
        if (!problems.isEmpty()) {
            throw new BerthException(failed, action + ": " + String.join("; ", problems));
        }
    }

    private static DBusPath queue(SystemdManager systemd, Job job) {
        return switch (job.verb()) {
            case START -> systemd.startUnit(job.unit(), "replace");
            case STOP -> systemd.stopUnit(job.unit(), "replace");
            case RESTART -> systemd.restartUnit(job.unit(), "replace");
            default -> systemd.tryRestartUnit(job.unit(), "replace");
        };
    }

    private static String verbOf(List<Job> jobs, String unit) {
        return jobs.stream()
                .filter(j -> j.unit().equals(unit))
                .map(j -> j.verb().word)
                .findFirst()
                .orElse("finish");
    }
}

package dev.berth.reconciler.bench;

import dev.berth.model.fleet.Wave;
import dev.berth.reconciler.bench.SimulatedHost.State;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The simulation's results as Markdown tables. */
final class Tables {
    private Tables() {}

    static void hostsOverTime(PrintStream out, SimulatedFleet.Run run) {
        out.println("| after the commit | on 1.0 | waiting for its wave | halted | downloading, health check"
                + " | on 2.0 | rolled back, holds 2.0 failed |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (SimulatedFleet.Row row : run.rows()) {
            out.printf(
                    "| %s | %d | %d | %d | %d | %d | %d |%n",
                    clock(row.after()),
                    row.count(State.OLD),
                    row.count(State.WAITING_FOR_WAVE),
                    row.count(State.HALTED),
                    row.count(State.MOVING),
                    row.count(State.NEW),
                    row.count(State.ROLLED_BACK));
        }
        out.println();
    }

    static void waves(PrintStream out, SimulatedFleet.Run run, List<Wave> waves) {
        int hosts = run.scenario().hosts();
        out.println("| wave | takes | hosts | share | attached 2.0 at some point |");
        out.println("|---:|---|---:|---:|---:|");
        for (int k = 0; k < waves.size(); k++) {
            SimulatedFleet.WaveCount count = run.waves().get(k);
            out.printf(
                    "| %d | %s | %d | %.2f %% | %d |%n",
                    k + 1, describe(waves.get(k)), count.hosts(), 100.0 * count.hosts() / hosts, count.attachedNew());
        }
        out.println();
    }

    static void git(
            PrintStream out,
            SimulatedFleet.Run polling,
            SimulatedFleet.Run together,
            List<SimulatedFleet.Run> releases) {
        Duration minute = Duration.ofMinutes(1);
        out.println("| git server | fetches per second, average | busiest second |");
        out.println("|---|---:|---:|");
        row(
                out,
                "agents started at random moments, minutes 5 to 65",
                polling.traffic().git(Duration.ofMinutes(5), Duration.ofMinutes(60)));
        for (int m : new int[] {1, 2, 3, 5, 10, 30, 60}) {
            row(
                    out,
                    "agents all started in the same second: minute " + m,
                    together.traffic().git(minute.multipliedBy(m - 1L), minute));
        }
        for (SimulatedFleet.Run run : releases) {
            row(
                    out,
                    "rolling out 2.0, " + describe(run.scenario().pacing()) + ", "
                            + clock(run.scenario().length()) + " from the commit",
                    run.traffic().git(Scenario.COMMIT, run.scenario().length()));
        }
        out.println();
    }

    /** Questions the rollout gates ask Prometheus, during a good and during a halted rollout. */
    static void prometheus(PrintStream out, SimulatedFleet.Run good, SimulatedFleet.Run halted) {
        out.println("| Prometheus (query API) | questions per second, average | busiest second |");
        out.println("|---|---:|---:|");
        Duration length = good.scenario().length();
        row(
                out,
                "2.0 rolling out in waves, " + clock(length) + " from the commit",
                good.traffic().prometheus(Scenario.COMMIT, length));
        row(
                out,
                "2.0 halted after the first wave, " + clock(length) + " from the commit",
                halted.traffic().prometheus(Scenario.COMMIT, length));
        out.println();
    }

    static void images(PrintStream out, List<SimulatedFleet.Run> releases, long mbitPerHost) {
        out.println("| image server, rolling out 2.0 | downloads | busiest second: downloads started"
                + " | most downloads at once | bandwidth then |");
        out.println("|---|---:|---:|---:|---:|");
        for (SimulatedFleet.Run run : releases) {
            Traffic traffic = run.traffic();
            Traffic.Rate starts =
                    traffic.downloadStarts(Scenario.COMMIT, run.scenario().length());
            Traffic.Concurrency busiest = traffic.busiest();
            out.printf(
                    "| %s | %d | %d (at %s) | %d (at %s) | %.1f Gbit/s |%n",
                    describe(run.scenario().pacing()),
                    traffic.downloads().size(),
                    starts.peak(),
                    sinceCommit(starts.peakAt()),
                    busiest.downloads(),
                    sinceCommit(busiest.at()),
                    busiest.downloads() * mbitPerHost / 1000.0);
        }
        out.println();
    }

    private static void row(PrintStream out, String what, Traffic.Rate rate) {
        out.printf("| %s | %.1f | %d |%n", what, rate.average(), rate.peak());
    }

    private static String describe(Scenario.Pacing pacing) {
        return switch (pacing) {
            case WAVES -> "in waves (each host counts from its first sight of 2.0)";
            case WAVES_FROM_START -> "in waves with `start:` (one time for the fleet)";
            case AT_ONCE -> "without `rollout:`";
            case NO_RELEASE -> "nothing new";
        };
    }

    private static String describe(Wave wave) {
        return wave instanceof Wave.Percent p ? "position < " + p.percent() + " %" : wave.toString();
    }

    static String describe(List<Wave> waves) {
        return waves.stream()
                .map(w -> w instanceof Wave.Percent p ? p.percent() + " %" : w.toString())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String sinceCommit(Instant at) {
        Duration after = Duration.between(Scenario.T0.plus(Scenario.COMMIT), at);
        return after.isNegative()
                ? "-" + clock(after.negated())
                : "+" + clock(after) + ":%02d".formatted(after.toSecondsPart());
    }

    /** h:mm */
    private static String clock(Duration d) {
        return "%d:%02d".formatted(d.toHours(), d.toMinutesPart());
    }
}

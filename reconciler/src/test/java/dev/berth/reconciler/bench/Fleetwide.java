package dev.berth.reconciler.bench;

import dev.berth.reconciler.fake.ManualClock;
import dev.berth.reconciler.loop.Schedule;
import java.time.Duration;
import java.util.Set;

/**
 * What every simulated host shares: the simulated clock, the repository, the fleet's health, the servers' traffic,
 * the agents' schedule, and how a change behaves.
 *
 * @param broken the versions that fail their health check on every host that attaches them
 * @param download how long one host takes to download the image
 * @param stableFor how long the health gate watches a changed image
 */
record Fleetwide(
        ManualClock clock,
        Repository repository,
        ScrapedFailures failures,
        Traffic traffic,
        Schedule schedule,
        Set<String> broken,
        Duration download,
        Duration stableFor) {}

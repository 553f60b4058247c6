package dev.berth.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.state.Suspension;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** berth_suspended says at every scrape whether the host is suspended, without waiting for a pass. */
class SuspensionMetricsTest {
    private final MetricsWorld world = new MetricsWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void aSuspensionShowsAtTheNextScrapeAndGoesWhenItEnds() throws Exception {
        assertThat(world.scrape().value("berth_suspended")).contains(0.0);

        world.suspensions.suspend(new Suspension.Declared(
                "alice",
                "migration",
                world.clock.instant(),
                Optional.of(world.clock.instant().plusSeconds(3600))));
        assertThat(world.scrape().value("berth_suspended")).contains(1.0);

        world.clock.advance(Duration.ofHours(1));
        assertThat(world.scrape().value("berth_suspended")).contains(0.0);
    }

    @Test
    void anUnreadableSuspensionCountsAsSuspended() throws Exception {
        world.suspensions.suspend(new Suspension.Unreadable("/var/lib/berth/suspension.json", "a directory"));

        assertThat(world.scrape().value("berth_suspended")).contains(1.0);

        world.suspensions.resume();
        assertThat(world.scrape().value("berth_suspended")).contains(0.0);
    }
}

package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.fake.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The speed floor's rule, one look at a time on a manual clock: a whole window with too few bytes is too slow. */
class SpeedWatchTest {
    private final ManualClock clock = new ManualClock();
    private final AtomicInteger cancels = new AtomicInteger();
    private final SpeedWatch watch = new SpeedWatch(1024, Duration.ofSeconds(60), clock, cancels::incrementAndGet);

    private void after(Duration d, long bytes) {
        clock.advance(d);
        watch.received(bytes);
        watch.check();
    }

    @Test
    void nothingIsTooSlowBeforeAWholeWindowHasPassed() {
        watch.headersArrived();
        after(Duration.ofSeconds(59), 0);
        assertThat(watch.tooSlow()).isEmpty();
        assertThat(cancels).hasValue(0);
    }

    @Test
    void aWholeWindowWithTooFewBytesCancelsTheCallOnceAndSaysHowManyCame() {
        watch.headersArrived();
        for (int i = 0; i < 60; i++) {
            after(Duration.ofSeconds(1), 1000); // 1000 B/s, just under 1 KiB/s
        }
        assertThat(watch.tooSlow()).hasValue("slower than 1 KiB/s for 60 s (received 60000 bytes in the last 60 s)");
        after(Duration.ofSeconds(1), 0);
        assertThat(cancels).hasValue(1);
    }

    @Test
    void aServerThatKeepsAboveTheFloorIsNeverCancelled() {
        watch.headersArrived();
        for (int i = 0; i < 300; i++) {
            after(Duration.ofSeconds(1), 1100);
        }
        assertThat(watch.tooSlow()).isEmpty();
    }

    @Test
    void aBurstThenSilenceIsTooSlowOnceTheBurstLeavesTheWindow() {
        watch.headersArrived();
        after(Duration.ofSeconds(1), 10_000_000);
        after(Duration.ofSeconds(59), 0);
        assertThat(watch.tooSlow()).as("the burst is still in the window").isEmpty();
        after(Duration.ofSeconds(2), 0);
        assertThat(watch.tooSlow()).hasValueSatisfying(m -> assertThat(m).contains("received 0 bytes"));
    }

    @Test
    void headersThatDoNotArriveWithinTheWindowAreTooSlow() {
        after(Duration.ofSeconds(61), 0);
        assertThat(watch.tooSlow())
                .hasValue("slower than 1 KiB/s for 60 s (the response headers had not arrived after 60 s)");
        assertThat(cancels).hasValue(1);
    }

    @Test
    void aClockThatDoesNotMoveNeverTrips() {
        for (int i = 0; i < 1000; i++) {
            after(Duration.ZERO, 0);
        }
        assertThat(watch.tooSlow()).isEmpty();
    }
}

package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import dev.berth.testkit.http.Reply;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that trickles never holds a pass: a download slower than download.lowSpeedLimit for
 * download.lowSpeedTime fails as transient, and the next pass resumes it.
 */
class SlowServerIT extends HostTest {
    private final int port = FreePort.pick();

    @BeforeEach
    void configure() {
        host.container.writeFile(
                BerthHost.CONFIG, BerthHost.TEST_CONFIG + "download: {lowSpeedLimit: 1KiB, lowSpeedTime: 3s}\n");
    }

    @Test
    void aTricklingServerFailsTheDownloadWithinBoundsAndTheNextPassConverges() {
        Published hello = shelf.publish(Images.hello("1.0", port));
        String path = "/images/" + hello.fileName();
        for (int i = 0; i < 5; i++) {
            shelf.server.enqueue(path, Reply.trickle(Duration.ofMillis(500)));
        }
        host.manifest(Shelf.manifest(hello.entry()));
        Instant started = Instant.now();

        CommandResult slow = host.apply();
        Duration took = Duration.between(started, Instant.now());
        CommandResult next = host.apply();

        assertThat(slow.exitCode()).as(slow.describe()).isEqualTo(1);
        assertThat(slow.stderr()).contains("FetchFailed").contains("hello 1.0").contains("slower than");
        assertThat(took).as("five attempts of three seconds, with backoff").isLessThan(Duration.ofSeconds(90));
        assertThat(next.exitCode()).as(next.describe()).isZero();
        Http.awaitBody(port, "hello 1.0");
    }
}

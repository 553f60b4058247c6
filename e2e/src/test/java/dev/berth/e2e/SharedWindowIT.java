package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.PortableImage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Several new images are attached one after the other and their health windows watched together on a real
 * systemd: the pass takes about one window, not one per image, and the one image that fails is the only one
 * detached again.
 */
class SharedWindowIT extends HostTest {
    private static final Duration WINDOW = Duration.ofSeconds(15);

    @Test
    void threeImagesConvergeInAboutOneWindowAndOnlyTheBrokenOneIsDetachedAgain() {
        host.container.writeFile(
                BerthHost.CONFIG,
                BerthHost.TEST_CONFIG.replace(
                        "health: {stableFor: 1s, timeout: 30s}", "health: {stableFor: 15s, timeout: 60s}"));
        Published a = shelf.publish(Images.idle("a", "1"));
        Published broken = shelf.publish(PortableImage.named("broken")
                .version("1")
                .service("broken", "/usr/bin/busybox sh -c 'sleep 1; echo broken 1 has no configuration >&2; exit 1'"));
        Published b = shelf.publish(Images.idle("b", "1"));
        host.manifest(Shelf.manifest(a.entry(), broken.entry(), b.entry()));

        Instant started = Instant.now();
        CommandResult apply = host.apply();
        Duration took = Duration.between(started, Instant.now());

        assertThat(apply.exitCode()).as(apply.describe()).isEqualTo(1);
        assertThat(apply.stdout()).contains("watching the health of a, broken, b together");
        assertThat(apply.stderr()).contains("HealthCheckFailed").contains("broken 1");
        assertThat(apply.stdout()).contains("undone: broken detached again");
        assertThat(took).as("one window of %s, not two", WINDOW).isLessThan(WINDOW.multipliedBy(2));
        assertThat(host.active("a.service")).isTrue();
        assertThat(host.active("b.service")).isTrue();
        assertThat(host.portablectlList()).doesNotContain("broken");
        assertThat(host.pool()).containsExactlyInAnyOrder("a_1.raw", "b_1.raw");
        assertThat(host.inventory()).contains("\"broken\"").contains("HealthCheckFailed");
    }
}

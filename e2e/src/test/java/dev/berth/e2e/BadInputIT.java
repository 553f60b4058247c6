package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input is the normal case: each gives one clear message naming the image and what to do, exits 1, and leaves
 * the attached set exactly as it was.
 */
@OnceIsEnough
class BadInputIT extends HostTest {
    private final int helloPort = FreePort.pick();
    private String before;
    private Published hello;

    @BeforeEach
    void aHostRunningHello() {
        hello = shelf.publish(Images.hello("1.0", helloPort));
        host.manifest(Shelf.manifest(hello.entry()));
        assertThat(host.apply().exitCode()).isZero();
        before = host.attachedUnits();
    }

    @Test
    void anInvalidManifestListsEveryProblemAndChangesNothing() {
        host.manifest(Shelf.manifest(hello.entry("profile: [strict]", "colour: blue")));

        CommandResult apply = host.apply();

        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.stderr())
                .contains("error: the manifest is invalid (2 problems):")
                .contains(BerthHost.MANIFEST + ":8:14: images[0].profile: must be a single value")
                .contains(BerthHost.MANIFEST + ":9:5: images[0].colour: unknown field");
        assertUnchanged();
    }

    @Test
    void anUnreachableServerNamesTheImageAndChangesNothing() {
        int dead = FreePort.pick();
        Published next = shelf.publish(Images.hello("2.0", helloPort));
        Published unreachable = new Published(
                next.name(),
                next.version(),
                "http://127.0.0.1:" + dead + "/images/hello_2.0.raw",
                next.sha256(),
                next.size());
        host.manifest(Shelf.manifest(unreachable.entry()));

        CommandResult apply = host.apply();

        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.stderr()).contains("FetchFailed").contains("hello 2.0").contains("127.0.0.1:" + dead);
        assertUnchanged();
        assertThat(host.pool()).containsExactly("hello_1.0.raw");
    }

    @Test
    void aMissingPortabledIsOneClearMessageAndChangesNothing() {
        host.container.execOk("systemctl", "mask", "--now", "systemd-portabled.service");
        Published next = shelf.publish(Images.hello("2.0", helloPort));
        host.manifest(Shelf.manifest(next.entry()));

        CommandResult apply = host.apply();

        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.stderr()).startsWith("error: PortabledUnavailable:").contains("systemd-portabled");
        assertThat(apply.stderr().lines().count()).isEqualTo(1);
        assertUnchanged();
    }

    private void assertUnchanged() {
        assertThat(host.attachedUnits()).isEqualTo(before);
        Http.awaitBody(helloPort, "hello 1.0");
    }
}

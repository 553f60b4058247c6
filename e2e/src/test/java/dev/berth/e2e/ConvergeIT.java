package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code berth apply} converging a real systemd host from a manifest file, one pass at a time. */
class ConvergeIT extends HostTest {
    private final int helloPort = FreePort.pick();
    private final int webPort = FreePort.pick();

    @Test
    void twoImagesAreAttachedFromScratchOneOfThemSocketActivated() {
        Published hello = shelf.publish(Images.hello("1.0", helloPort));
        Published web = shelf.publish(Images.web("1", webPort));
        host.manifest(Shelf.manifest(hello.entry(), web.entry()));

        CommandResult apply = host.apply();

        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        assertThat(apply.stdout()).contains("Converged");
        Http.awaitBody(helloPort, "hello 1.0");
        Http.awaitBody(webPort, "web 1");
        assertThat(host.property("hello.service", "RootImage")).isEqualTo("/var/lib/portables/hello_1.0.raw");
        assertThat(host.active("web.socket")).isTrue();
        assertThat(host.pool()).containsExactlyInAnyOrder("hello_1.0.raw", "web_1.raw");
    }

    @Test
    void applyingTheSameManifestAgainHasNothingToDo() {
        Published hello = shelf.publish(Images.hello("1.0", helloPort));
        host.manifest(Shelf.manifest(hello.entry()));
        assertThat(host.apply().exitCode()).isZero();
        int downloads = shelf.server.requests().size();

        CommandResult plan = host.plan();
        CommandResult again = host.apply();

        assertThat(plan.exitCode()).as(plan.describe()).isZero();
        assertThat(plan.stdout()).contains("No changes: the host matches the manifest");
        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(shelf.server.requests()).hasSize(downloads);
    }

    @Test
    void aVersionBumpUpgradesInPlaceAndTheNewImageIsRunning() {
        Published v1 = shelf.publish(Images.hello("1.0", helloPort));
        host.manifest(Shelf.manifest(v1.entry()));
        assertThat(host.apply().exitCode()).isZero();
        Http.awaitBody(helloPort, "hello 1.0");
        Published v2 = shelf.publish(Images.hello("2.0", helloPort));
        host.manifest(Shelf.manifest(v2.entry()));

        CommandResult plan = host.plan();
        CommandResult apply = host.apply();

        assertThat(plan.exitCode()).isEqualTo(2);
        assertThat(plan.stdout()).contains("~ upgrade   hello          version 1.0 -> 2.0, restart units");
        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        Http.awaitBody(helloPort, "hello 2.0");
        assertThat(host.property("hello.service", "RootImage")).isEqualTo("/var/lib/portables/hello_2.0.raw");
        assertThat(host.pool()).containsExactly("hello_2.0.raw");
    }

    @Test
    void aProfileChangeReattachesWithTheNewProfile() {
        Published idle = shelf.publish(Images.idle("idle", "1"));
        host.manifest(Shelf.manifest(idle.entry()));
        assertThat(host.apply().exitCode()).isZero();
        assertThat(host.property("idle.service", "PrivateNetwork")).isEqualTo("no");
        host.manifest(Shelf.manifest(idle.entry("profile: strict")));

        CommandResult apply = host.apply();

        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        assertThat(host.sh("readlink /etc/systemd/system.attached/idle.service.d/10-profile.conf"))
                .endsWith("/profile/strict/service.conf");
        assertThat(host.property("idle.service", "PrivateNetwork")).isEqualTo("yes");
        assertThat(host.active("idle.service")).isTrue();
    }

    @Test
    void removingAnImageFromTheManifestDetachesItAndDeletesItsFiles() {
        Published hello = shelf.publish(Images.hello("1.0", helloPort));
        Published web = shelf.publish(Images.web("1", webPort));
        host.manifest(Shelf.manifest(hello.entry(), web.entry()));
        assertThat(host.apply().exitCode()).isZero();
        host.manifest(Shelf.manifest(hello.entry()));

        CommandResult apply = host.apply();

        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        assertThat(host.portablectlList()).doesNotContain("web");
        assertThat(host.pool()).containsExactly("hello_1.0.raw");
        assertThat(host.sh("ls /etc/systemd/system.attached /etc/portables 2>/dev/null"))
                .doesNotContain("web");
        assertThat(host.property("web.socket", "LoadState")).isEqualTo("not-found");
        assertThat(host.inventory()).doesNotContain("\"web\"");
        assertThat(Http.get(webPort)).isEmpty();
        Http.awaitBody(helloPort, "hello 1.0");
    }

    @Test
    void aWrongSha256AttachesNothingAndLeavesTheRestRunning() {
        Published hello = shelf.publish(Images.hello("1.0", helloPort));
        host.manifest(Shelf.manifest(hello.entry()));
        assertThat(host.apply().exitCode()).isZero();
        String before = host.attachedUnits();
        Published web = shelf.publish(Images.web("1", webPort));
        Published tampered = new Published(web.name(), web.version(), web.url(), "0".repeat(64), web.size());
        host.manifest(Shelf.manifest(hello.entry(), tampered.entry()));

        CommandResult apply = host.apply();

        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.stderr()).contains("VerificationFailed").contains("web 1");
        assertThat(host.attachedUnits()).isEqualTo(before);
        assertThat(host.pool()).containsExactly("hello_1.0.raw");
        Http.awaitBody(helloPort, "hello 1.0");
    }

    @Test
    void anImageAttachedByHandIsLeftAlone() {
        Path manual = Images.idle("manual", "3").buildRaw(images);
        host.container.copyIn(manual, "/var/lib/portables/manual_3.raw");
        host.container.execOk("portablectl", "attach", "--enable", "--now", "/var/lib/portables/manual_3.raw");
        Published hello = shelf.publish(Images.hello("1.0", helloPort));
        host.manifest(Shelf.manifest(hello.entry()));

        CommandResult plan = host.plan();
        CommandResult apply = host.apply();
        host.manifest(Shelf.manifest());
        CommandResult emptied = host.apply();

        assertThat(plan.stdout()).contains("= unmanaged manual 3");
        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        assertThat(emptied.exitCode()).as(emptied.describe()).isZero();
        assertThat(host.active("manual.service")).isTrue();
        assertThat(host.property("manual.service", "RootImage")).isEqualTo("/var/lib/portables/manual_3.raw");
        assertThat(host.pool()).containsExactly("manual_3.raw");
    }
}

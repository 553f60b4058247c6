package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import dev.berth.testkit.PortableImage;
import org.junit.jupiter.api.Test;

/**
 * Two apps shipped as extension images on one shared base image, as {@code portablectl attach --extension} layers
 * them: attached, one upgraded, one broken release rolled back, a hostile entry naming its extension like the shared
 * base refused without touching the base; an extension swapped by hand put back, one whose extension-release cannot
 * go with the base refused, the shared base kept while an entry uses it.
 */
class ExtensionsIT extends HostTest {
    private static final PortableImage BASE = PortableImage.named("base").version("1");

    private final int appPort = FreePort.pick();
    private final int otherPort = FreePort.pick();

    @Test
    void twoAppsShareOneBaseOneIsUpgradedAloneAndABrokenExtensionIsRolledBack() {
        Published base = shelf.publish(BASE);
        String other = entry(base, shelf.publish(app("other", "1.0", otherPort)));
        host.manifest(Shelf.manifest(entry(base, shelf.publish(app("app", "1.0", appPort))), other));

        CommandResult attach = host.apply();

        assertThat(attach.exitCode()).as(attach.describe()).isZero();
        Http.awaitBody(appPort, "app 1.0");
        Http.awaitBody(otherPort, "other 1.0");
        assertThat(host.property("app.service", "RootImage")).isEqualTo("/var/lib/portables/base_1.raw");
        assertThat(host.property("other.service", "RootImage")).isEqualTo("/var/lib/portables/base_1.raw");
        assertThat(host.property("app.service", "ExtensionImages")).contains("/var/lib/portables/app_1.0.raw");
        assertThat(host.pool()).containsExactlyInAnyOrder("base_1.raw", "app_1.0.raw", "other_1.0.raw");
        String otherStarted = host.property("other.service", "InvocationID");

        String upgraded = entry(base, shelf.publish(app("app", "2.0", appPort)));
        host.manifest(Shelf.manifest(upgraded, other));
        CommandResult upgrade = host.apply();

        assertThat(upgrade.exitCode()).as(upgrade.describe()).isZero();
        Http.awaitBody(appPort, "app 2.0");
        assertThat(host.property("other.service", "InvocationID")).isEqualTo(otherStarted);
        assertThat(host.pool()).containsExactlyInAnyOrder("base_1.raw", "app_2.0.raw", "other_1.0.raw");

        host.container.writeFile(BerthHost.CONFIG, BerthHost.TEST_CONFIG.replace("stableFor: 1s", "stableFor: 3s"));
        host.manifest(Shelf.manifest(entry(base, shelf.publish(broken("app", "3.0"))), other));
        CommandResult bad = host.apply();

        assertThat(bad.exitCode()).as(bad.describe()).isNotZero();
        assertThat(bad.stderr()).contains("HealthCheckFailed");
        Http.awaitBody(appPort, "app 2.0");
        assertThat(host.property("app.service", "ExtensionImages")).contains("/var/lib/portables/app_2.0.raw");
        assertThat(host.property("other.service", "InvocationID")).isEqualTo(otherStarted);

        // A hostile entry names its extension "base 1", the pool file base_1.raw the others run on, with other bytes.
        Published hostile =
                shelf.publish(PortableImage.extensionOf(BASE, "hostile").version("1"));
        Published evilBase = shelf.publish(PortableImage.named("evilbase").version("1"));
        Published evil = shelf.publish(app("evil", "1", FreePort.pick()));
        String evilEntry = entry(evilBase, evil)
                .replace(
                        "    extensions:\n",
                        "    extensions:\n      - {name: base, version: \"1\", url: " + hostile.url() + ", sha256: "
                                + hostile.sha256() + "}\n");
        host.manifest(Shelf.manifest(upgraded, other, evilEntry));
        CommandResult refused = host.apply();

        assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
        assertThat(refused.stdout() + refused.stderr()).contains("FileConflict", "base_1.raw");
        assertThat(host.sh("sha256sum /var/lib/portables/base_1.raw | cut -d' ' -f1"))
                .isEqualTo(base.sha256());
        assertThat(host.sh("portablectl list --no-legend | grep -c evil || true"))
                .isEqualTo("0");
        assertThat(host.property("other.service", "InvocationID")).isEqualTo(otherStarted);
    }

    @Test
    void anExtensionSwappedByHandIsPutBackAMismatchedReleaseIsRefusedAndTheBaseStaysWhileAnEntryUsesIt() {
        Published base = shelf.publish(BASE);
        String app = entry(base, shelf.publish(app("app", "1.0", appPort)));
        String other = entry(base, shelf.publish(app("other", "1.0", otherPort)));
        host.manifest(Shelf.manifest(app, other));
        CommandResult attach = host.apply();
        assertThat(attach.exitCode()).as(attach.describe()).isZero();
        host.container.copyIn(app("app", "1.5", appPort).buildRaw(images), "/var/lib/portables/app_1.5.raw");
        host.container.execOk(
                "portablectl",
                "reattach",
                "--now",
                "--extension",
                "/var/lib/portables/app_1.5.raw",
                "/var/lib/portables/base_1.raw",
                "app");
        Http.awaitBody(appPort, "app 1.5");

        CommandResult putBack = host.apply();

        assertThat(putBack.exitCode()).as(putBack.describe()).isZero();
        Http.awaitBody(appPort, "app 1.0");
        assertThat(host.property("app.service", "ExtensionImages"))
                .contains("/var/lib/portables/app_1.0.raw")
                .doesNotContain("app_1.5.raw");

        PortableImage foreign = app("app", "3.0", appPort).osRelease("ID=another-os\nVERSION_ID=9\n");
        host.manifest(Shelf.manifest(entry(base, shelf.publish(foreign)), other));
        CommandResult refused = host.apply();

        assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
        assertThat(refused.stderr()).contains("AttachRejected").contains("app_3.0.raw");
        Http.awaitBody(appPort, "app 1.0");
        assertThat(host.property("app.service", "ExtensionImages")).contains("/var/lib/portables/app_1.0.raw");

        host.manifest(Shelf.manifest(app));
        CommandResult removeOther = host.apply();

        assertThat(removeOther.exitCode()).as(removeOther.describe()).isZero();
        assertThat(host.pool()).contains("base_1.raw", "app_1.0.raw").doesNotContain("other_1.0.raw");
        Http.awaitBody(appPort, "app 1.0");

        host.manifest(Shelf.manifest());
        CommandResult removeAll = host.apply();

        assertThat(removeAll.exitCode()).as(removeAll.describe()).isZero();
        assertThat(host.pool()).doesNotContain("base_1.raw", "app_1.0.raw");
    }

    /** NAME.service: an http server on 127.0.0.1:PORT answering "NAME VERSION", in an extension of the base. */
    private static PortableImage app(String name, String version, int port) {
        return PortableImage.extensionOf(BASE, name)
                .version(version)
                .service(name, "/usr/bin/busybox httpd -f -p 127.0.0.1:" + port + " -h /usr/share/" + name)
                .file("usr/share/" + name + "/index.html", name + " " + version + "\n");
    }

    /** A release whose service exits with status 1 a second after it starts. */
    private static PortableImage broken(String name, String version) {
        return PortableImage.extensionOf(BASE, name)
                .version(version)
                .service(name, "/usr/bin/busybox sh -c 'sleep 1; exit 1'");
    }

    /** The manifest entry for an app: the base image, and the app's extension layered on it. */
    private static String entry(Published base, Published extension) {
        return "  - name: " + extension.name() + "\n"
                + "    version: \"" + extension.version() + "\"\n"
                + "    url: " + base.url() + "\n"
                + "    sha256: " + base.sha256() + "\n"
                + "    extensions:\n"
                + "      - {name: " + extension.name() + ", version: \"" + extension.version() + "\", url: "
                + extension.url() + ", sha256: " + extension.sha256() + "}\n";
    }
}

package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Berth writes as root into the pool and its state directory: links planted there, pointing at the host's files,
 * are never written through, whether the download's sha256 then matches or not. The pool's files are not readable
 * by other users.
 */
class HostileFilesIT extends HostTest {
    private static final List<String> PLANTED = List.of(
            "/var/lib/portables/.#hello_1.0.raw.partial",
            "/var/lib/portables/.#hello_1.0.raw.partial.meta",
            "/var/lib/berth/.#inventory.json.tmp",
            "/var/lib/berth/.#status.json.tmp",
            "/var/lib/berth/lock");

    private final int port = FreePort.pick();

    /** Each planted name is a symlink to its own victim file outside, which holds "precious". */
    private void plantLinks() {
        host.sh("mkdir -p /var/lib/portables /var/lib/berth /srv/victims");
        for (int i = 0; i < PLANTED.size(); i++) {
            host.sh("echo precious > /srv/victims/" + i + " && ln -sfn /srv/victims/" + i + " " + PLANTED.get(i));
        }
    }

    private void assertVictimsUntouched() {
        for (int i = 0; i < PLANTED.size(); i++) {
            assertThat(host.sh("cat /srv/victims/" + i))
                    .as("the file %s pointed at", PLANTED.get(i))
                    .isEqualTo("precious");
        }
    }

    @Test
    void linksPlantedInThePoolAndStateDirectoryAreNeverWrittenThroughWhenTheHashFails() {
        Published hello = shelf.publish(Images.hello("1.0", port));
        plantLinks();
        host.manifest(
                Shelf.manifest(new Published(hello.name(), hello.version(), hello.url(), "0".repeat(64), 0).entry()));

        CommandResult apply = host.apply();

        assertThat(apply.exitCode()).as(apply.describe()).isEqualTo(1);
        assertThat(apply.stderr()).contains("VerificationFailed");
        assertVictimsUntouched();
    }

    @Test
    void linksPlantedInThePoolAndStateDirectoryAreNeverWrittenThroughWhenItConverges() {
        Published hello = shelf.publish(Images.hello("1.0", port));
        plantLinks();
        host.manifest(Shelf.manifest(hello.entry()));

        CommandResult apply = host.apply();

        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        assertVictimsUntouched();
        Http.awaitBody(port, "hello 1.0");
        assertThat(host.sh("stat -c %a /var/lib/portables/hello_1.0.raw")).isEqualTo("600");
        assertThat(host.sh("stat -c %a /var/lib/berth/inventory.json")).isEqualTo("600");
        assertThat(host.sh("test -L /var/lib/berth/lock && echo link || echo file"))
                .isEqualTo("file");
    }

    @Test
    void aLinkAtTheFinalImageNameIsReplacedByTheVerifiedImage() {
        Published hello = shelf.publish(Images.hello("1.0", port));
        host.sh("mkdir -p /var/lib/portables /srv/victims && echo precious > /srv/victims/image"
                + " && ln -s /srv/victims/image /var/lib/portables/hello_1.0.raw");
        host.manifest(Shelf.manifest(hello.entry()));

        CommandResult apply = host.apply();

        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        assertThat(host.sh("cat /srv/victims/image")).isEqualTo("precious");
        assertThat(host.sh("test -L /var/lib/portables/hello_1.0.raw && echo link || echo file"))
                .isEqualTo("file");
    }

    @Test
    void anInventoryNamingAFileOutsideThePoolIsRefusedAndNothingIsDeleted() {
        host.sh("mkdir -p /var/lib/berth /srv/victims && echo precious > /srv/victims/passwd");
        host.container.writeFile("/var/lib/berth/inventory.json", """
                {"schemaVersion": 2, "images": {}, "files": {"/srv/victims/passwd": {"path": "/srv/victims/passwd",
                 "image": "x", "version": "1", "sha256": "%s", "downloaded": true}}, "failures": {}}
                """.formatted("0".repeat(64)));
        host.manifest(Shelf.manifest());

        CommandResult apply = host.apply();

        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.stderr()).startsWith("error: StateUnavailable:").doesNotContain("Exception");
        assertThat(host.sh("cat /srv/victims/passwd")).isEqualTo("precious");
    }
}

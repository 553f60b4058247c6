package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An entry with {@code clean: true} leaves nothing behind when it is removed from the manifest: its service's
 * /var/lib/NAME goes with it (systemd's CleanUnit, there since systemd 243, so on 252 and 257 alike). An entry
 * without it keeps its data, as portablectl detach does. One boot for both. Removal deletes as root: a link the
 * service (or anyone) left in or instead of its state directory is removed, never followed.
 */
class CleanIT extends HostTest {
    @Test
    void removingAnEntryMarkedCleanRemovesItsStateDirectoryEvenWhenItFailedAndAnUnmarkedOneKeepsIts() {
        Published wiped = shelf.publish(Images.keeper("wiped", "1"));
        Published kept = shelf.publish(Images.keeper("kept", "1"));
        host.manifest(Shelf.manifest(wiped.entry("clean: true"), kept.entry()));

        CommandResult attach = host.apply();

        assertThat(attach.exitCode()).as(attach.describe()).isZero();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> host.sh("cat /var/lib/wiped/data /var/lib/kept/data 2>/dev/null || true")
                        .equals("data 1\ndata 1"));

        // A failed unit is not "inactive", which systemd's CleanUnit requires: Berth resets it first.
        host.sh("systemctl kill --signal=KILL wiped.service");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> host.property("wiped.service", "ActiveState").equals("failed"));

        host.manifest(Shelf.manifest());
        CommandResult remove = host.apply();

        assertThat(remove.exitCode()).as(remove.describe()).isZero();
        assertThat(host.sh("portablectl list --no-legend | grep -c _1 || true")).isEqualTo("0");
        assertThat(host.sh("test -e /var/lib/wiped || test -e /var/lib/private/wiped && echo left || echo gone"))
                .as("the state directory of the entry marked clean")
                .isEqualTo("gone");
        assertThat(host.sh("cat /var/lib/kept/data"))
                .as("the unmarked entry's data")
                .isEqualTo("data 1");
    }

    @Test
    void removingAnEntryMarkedCleanNeverDeletesWhatALinkInOrInsteadOfItsStateDirectoryPointsTo() {
        Published planted = shelf.publish(Images.keeper("planted", "1"));
        Published swapped = shelf.publish(Images.keeper("swapped", "1"));
        host.manifest(Shelf.manifest(planted.entry("clean: true"), swapped.entry("clean: true")));
        CommandResult attach = host.apply();
        assertThat(attach.exitCode()).as(attach.describe()).isZero();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> host.sh("cat /var/lib/planted/data /var/lib/swapped/data 2>/dev/null || true")
                        .equals("data 1\ndata 1"));

        host.sh("mkdir -p /srv/inside /srv/instead && echo precious > /srv/inside/file && echo precious >"
                + " /srv/instead/file && ln -s /srv/inside /var/lib/planted/dir-link"
                + " && ln -s /srv/inside/file /var/lib/planted/file-link"
                + " && rm -rf /var/lib/swapped && ln -s /srv/instead /var/lib/swapped");
        host.manifest(Shelf.manifest());
        CommandResult remove = host.apply();

        assertThat(remove.exitCode()).as(remove.describe()).isZero();
        assertThat(host.sh("cat /srv/inside/file /srv/instead/file"))
                .as("the files the links pointed to")
                .isEqualTo("precious\nprecious");
        assertThat(host.sh("test -e /var/lib/planted || test -L /var/lib/planted && echo left || echo gone"))
                .as("the state directory with links in it")
                .isEqualTo("gone");
    }
}

package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.PortableImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * After any failed step the next {@code berth apply} converges without a person. portabled's ReattachImage detaches
 * the running version before it attaches the new one; when that attach is refused, nothing is attached and the old
 * units run on without unit files, and portabled then refuses every attach of the image ("Unit file 'b.service' is
 * active already") until someone runs systemctl stop.
 */
class RecoveryIT extends HostTest {
    private static final String SLEEP = "/usr/bin/busybox sleep 1000000";
    private static final String B1 = BerthHost.POOL + "/b_1.raw";

    /** The reported case: portabled refuses [b, dbus] for an image that allows only the prefix b. */
    @Test
    void matchesTheNewVersionDoesNotAllowLeaveThePreviousVersionRunningAndTheOldManifestConverges() {
        PortableImage b =
                PortableImage.named("b").service("b", SLEEP).osRelease("ID=berth-test\nPORTABLE_PREFIXES=b\n");
        Published b1 = shelf.publish(b.version("1"));
        Published b2 = shelf.publish(b.version("2"));
        converge(b1);
        String pid = host.property("b.service", "MainPID");

        host.manifest(Shelf.manifest(b2.entry("matches: [b, dbus]")));
        CommandResult refused = host.apply();

        assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
        assertThat(refused.stdout() + refused.stderr()).contains("AttachRejected");
        assertRunsFromB1();
        assertThat(host.property("b.service", "MainPID"))
                .as("not even restarted")
                .isEqualTo(pid);

        converge(b1);
        assertThat(host.pool()).containsExactly("b_1.raw");
    }

    /** portabled's own reattach would put the image's dbus.service in place of the host's, and Berth restart it. */
    @Test
    void newMatchesThatReachAUnitOfTheHostAreRefusedAndTheHostKeepsItsOwnUnit() {
        PortableImage b = PortableImage.named("b").service("b", SLEEP).service("dbus", SLEEP);
        Published b1 = shelf.publish(b.version("1"));
        Published b2 = shelf.publish(b.version("2"));
        converge(b1);
        String bus = host.property("dbus.service", "MainPID");

        host.manifest(Shelf.manifest(b2.entry("matches: [b, dbus]")));
        CommandResult refused = host.apply();

        assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
        assertThat(refused.stdout() + refused.stderr())
                .contains("AttachRejected")
                .contains("dbus.service");
        assertRunsFromB1();
        assertThat(host.sh("ls /etc/systemd/system.attached")).doesNotContain("dbus");
        assertThat(host.property("dbus.service", "RootImage")).isEmpty();
        assertThat(host.property("dbus.service", "MainPID")).isEqualTo(bus);

        converge(b1);
    }

    /**
     * The pass dies while systemd restarts b.service on version 2 (its start job waits for ExecStartPre): after the
     * reattach, before anything could be rolled back.
     */
    @Test
    void aPassKilledBetweenTheReattachAndTheRollbackConvergesOnTheNextPass() {
        Published b1 = shelf.publish(PortableImage.named("b").version("1").service("b", SLEEP));
        Published b2 = shelf.publish(slowToStart("2"));
        converge(b1);

        killUpgradeTo(b2);
        converge(b1);
        assertThat(host.pool()).containsExactly("b_1.raw");
    }

    /**
     * What a pass leaves when portabled's reattach fails half way and the pass dies before its rollback: Berth's
     * inventory says it was upgrading, nothing is attached, and b.service runs on without its unit file. (Berth's
     * own reattach is not made to fail half way any more, so the host is put in that state by hand: the dead pass's
     * upgrade, then portabled's own reattach onto a file it cannot mount.)
     */
    @Test
    void unitsLeftRunningWithoutUnitFilesByADeadPassAreStoppedAndThePreviousVersionAttachedAgain() throws Exception {
        Published b1 = shelf.publish(PortableImage.named("b").version("1").service("b", SLEEP));
        Published b2 = shelf.publish(slowToStart("2"));
        converge(b1);
        killUpgradeTo(b2);
        Path garbage = Files.write(images.resolve("b_9.raw"), new byte[1 << 20]);
        host.container.copyIn(garbage, "/root/b_9.raw");
        host.sh("busctl call org.freedesktop.portable1 /org/freedesktop/portable1 org.freedesktop.portable1.Manager"
                + " ReattachImage sassbs /root/b_9.raw 1 b default false '' || true");
        assertThat(host.sh("ls /etc/systemd/system.attached"))
                .as("attached units")
                .doesNotContain("b.service");
        assertThat(host.property("b.service", "ActiveState")).isEqualTo("activating");

        converge(b1);
    }

    /** b 2, whose b.service takes 1000 s to start: its start job waits for ExecStartPre. */
    private static PortableImage slowToStart(String version) {
        return PortableImage.named("b")
                .version(version)
                .unit(
                        "b.service",
                        "[Service]\nExecStartPre=/usr/bin/busybox sleep 1000\nExecStart=" + SLEEP
                                + "\n\n[Install]\nWantedBy=multi-user.target\n");
    }

    /** Applies {@code b2} and kills the pass once b.service is starting from it, after the reattach. */
    private void killUpgradeTo(Published b2) {
        host.manifest(Shelf.manifest(b2.entry("matches: [b]")));
        BackgroundApply upgrade = BackgroundApply.start(host);
        upgrade.awaitThenKill(() -> host.property("b.service", "RootImage").equals(BerthHost.POOL + "/b_2.raw")
                && host.property("b.service", "ActiveState").equals("activating"));
    }

    /** Applies the manifest that asks for b 1 with matches [b]: it converges, and b 1 runs. */
    private void converge(Published b1) {
        host.manifest(Shelf.manifest(b1.entry("matches: [b]")));
        CommandResult apply = host.apply();
        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        assertRunsFromB1();
    }

    /** b 1 is attached, with its unit file, and its unit runs from it. */
    private void assertRunsFromB1() {
        assertThat(host.active("b.service")).as("b.service active").isTrue();
        assertThat(host.property("b.service", "RootImage")).isEqualTo(B1);
        assertThat(host.property("b.service", "FragmentPath")).isEqualTo("/etc/systemd/system.attached/b.service");
        assertThat(host.property("b.service", "NeedDaemonReload")).isEqualTo("no");
        assertThat(host.portablectlList()).contains("b_1").contains("running");
    }
}

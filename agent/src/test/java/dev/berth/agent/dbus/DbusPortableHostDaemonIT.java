package dev.berth.agent.dbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.host.AttachedImage;
import dev.berth.model.host.PortableState;
import dev.berth.reconciler.port.Attachment;
import dev.berth.testkit.PortableImage;
import dev.berth.testkit.Suite;
import dev.berth.testkit.SystemdContainer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the contract does not cover, on the real daemons of one container: how portabled behaves where it
 * surprises, and how the adapter copes. Each test uses its own image names.
 */
class DbusPortableHostDaemonIT {
    private static final String POOL = "/var/lib/portables";
    private static final String SLEEP = "/usr/bin/busybox sleep 1000000";
    private static final String SLEEP_HOST = "/bin/sleep infinity";

    @TempDir
    static Path work;

    private static SystemdContainer container;
    private static DbusPortableHost host;

    @BeforeAll
    static void boot() {
        container = SystemdContainer.boot(Suite.fromSystemProperty());
        host = new DbusPortableHost(container.busAddress(), container.hostPath("/"));
    }

    @AfterAll
    static void powerOff() {
        if (host != null) {
            host.close();
        }
        if (container != null) {
            container.close();
        }
    }

    @AfterEach
    void detachEverything() {
        for (AttachedImage image : host.attached()) {
            host.detach(image);
        }
    }

    @Test
    void portabledItselfAttachesWithAnUnknownProfileSoTheAdapterRefusesIt() throws Exception {
        String raw = install(PortableImage.named("papa").service("papa", SLEEP));
        try (Bus bus = new Bus(container.busAddress())) {
            bus.portabled().attachImage(raw, List.of("papa"), "no-such-profile", false, "");
        }
        assertThat(Files.exists(container.hostPath("/etc/systemd/system.attached/papa.service.d/10-profile.conf")))
                .as("a profile drop-in after attaching with an unknown profile")
                .isFalse();
        container.execOk("portablectl", "detach", raw);

        assertThatThrownBy(() -> host.attach(attachment(raw, "papa", "no-such-profile")))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected))
                .hasMessageContaining(raw)
                .hasMessageContaining("no profile 'no-such-profile'")
                .hasMessageContaining("default");
        assertThat(host.attached()).extracting(AttachedImage::name).doesNotContain("papa");
    }

    @Test
    void aRawImageThatCannotBeMountedIsRejectedInPortabledsWordsAndNothingIsAttached() throws IOException {
        String raw = garbage("xray_1.raw");

        assertThatThrownBy(() -> host.attach(attachment(raw, "xray", "default")))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected))
                .hasMessageStartingWith("attaching " + raw + ": systemd-portabled")
                .hasMessageContaining("refused");
        assertThat(host.attached()).extracting(AttachedImage::name).doesNotContain("xray");
        assertThat(container.exec("ls", "/etc/systemd/system.attached").stdout())
                .doesNotContain("xray");
    }

    @Test
    void aReattachOntoABrokenImageIsRejectedAndTheOldVersionStaysAttachedAndRunning() throws IOException {
        String good = install(PortableImage.named("yankee").version("1").service("yankee", SLEEP));
        host.attach(attachment(good, "yankee", "default"));
        String broken = garbage("yankee_2.raw");

        assertThatThrownBy(() -> host.reattach(attachment(broken, "yankee", "default")))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected))
                .hasMessageContaining(broken);

        AttachedImage yankee = only("yankee");
        assertThat(yankee.imagePath()).isEqualTo(good);
        assertThat(yankee.state()).isEqualTo(PortableState.RUNNING);
    }

    @Test
    void portabledsOwnReattachOntoABrokenImageLeavesNothingAttachedWhileTheOldUnitRuns() throws Exception {
        String good = install(PortableImage.named("zulu").version("1").service("zulu", SLEEP));
        host.attach(attachment(good, "zulu", "default"));
        String broken = garbage("zulu_2.raw");

        try (Bus bus = new Bus(container.busAddress())) {
            assertThatThrownBy(() -> bus.portabled().reattachImage(broken, List.of("zulu"), "default", false, ""))
                    .hasMessageContaining(broken);
        }

        assertThat(host.attached()).extracting(AttachedImage::name).doesNotContain("zulu");
        assertThat(show("zulu.service", "ActiveState"))
                .as("the old unit, its files gone")
                .isEqualTo("active");
        assertThatThrownBy(() -> host.attach(attachment(good, "zulu", "default")))
                .as("attaching the old version again while its unit still runs")
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected))
                .hasMessageContaining("active");
        container.execOk("systemctl", "stop", "zulu.service");
    }

    @Test
    void portabledsOwnReattachWithMatchesTheImageDoesNotAllowDetachesFirstAndThenRefuses() throws Exception {
        PortableImage alfa =
                PortableImage.named("alfa").service("alfa", SLEEP).osRelease("ID=berth-test\nPORTABLE_PREFIXES=alfa\n");
        String first = install(alfa.version("1"));
        String second = install(alfa.version("2"));
        host.attach(attachment(first, "alfa", "default"));

        try (Bus bus = new Bus(container.busAddress())) {
            assertThat(bus.portabled().getImageMetadata(second, List.of("alfa", "dbus")))
                    .as("GetImageMetadata does not check the prefixes")
                    .isNotNull();
            assertThatThrownBy(
                            () -> bus.portabled().reattachImage(second, List.of("alfa", "dbus"), "default", false, ""))
                    .hasMessageContaining("are not compatible with portable service image")
                    .hasMessageContaining("Acceptable prefix matches are: alfa");
        }

        assertThat(host.attached()).extracting(AttachedImage::name).doesNotContain("alfa");
        assertThat(show("alfa.service", "ActiveState")).isEqualTo("active");
        assertThat(show("alfa.service", "RootImage"))
                .as("until PID 1 is reloaded")
                .isEqualTo(first);
        assertThatThrownBy(() -> host.attach(attachment(first, "alfa", "default")))
                .hasMessageContaining("Unit file 'alfa.service' is active already");

        assertThat(host.stopOrphanedUnits(attachment(first, "alfa", "default"))).containsExactly("alfa.service");
        host.attach(attachment(first, "alfa", "default"));
        assertThat(only("alfa").state()).isEqualTo(PortableState.RUNNING);
    }

    @Test
    void theAdapterRefusesThoseMatchesBeforePortabledDetachesAnything() {
        PortableImage bravo = PortableImage.named("bravo2")
                .service("bravo2", SLEEP)
                .osRelease("ID=berth-test\nPORTABLE_PREFIXES=\"bravo2 bravo2-extra\"\n");
        String first = install(bravo.version("1"));
        String second = install(bravo.version("2"));
        host.attach(attachment(first, "bravo2", "default"));
        String pid = show("bravo2.service", "MainPID");

        assertThatThrownBy(() ->
                        host.reattach(new Attachment(second, List.of("bravo2", "dbus"), "default", false, true, true)))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected))
                .hasMessageContaining("allows only the unit prefixes bravo2, bravo2-extra")
                .hasMessageContaining("not dbus");
        host.reattach(new Attachment(second, List.of("bravo2", "bravo2-extra"), "default", false, true, true));

        assertThat(only("bravo2").imagePath()).isEqualTo(second);
        assertThat(show("bravo2.service", "MainPID"))
                .as("restarted by the allowed reattach")
                .isNotEqualTo(pid);
    }

    @Test
    void portabledsOwnReattachPutsTheImagesUnitInPlaceOfTheHostsAndTheAdapterRefusesThat() throws Exception {
        container.writeFile(
                "/usr/local/lib/systemd/system/delta2host.service", "[Service]\nExecStart=" + SLEEP_HOST + "\n");
        container.execOk("systemctl", "daemon-reload");
        container.execOk("systemctl", "start", "delta2host.service");
        PortableImage delta =
                PortableImage.named("delta2").service("delta2", SLEEP).service("delta2host", SLEEP);
        String first = install(delta.version("1"));
        String second = install(delta.version("2"));
        String third = install(delta.version("3"));
        host.attach(attachment(first, "delta2", "default"));

        assertThatThrownBy(() -> host.reattach(
                        new Attachment(second, List.of("delta2", "delta2host"), "default", false, true, true)))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AttachRejected))
                .hasMessageContaining("delta2host.service");
        assertThat(only("delta2").unitNames()).containsExactly("delta2.service");
        try (Bus bus = new Bus(container.busAddress())) {
            bus.portabled().reattachImage(third, List.of("delta2", "delta2host"), "default", false, "");
        }
        container.execOk("systemctl", "daemon-reload");

        assertThat(show("delta2host.service", "FragmentPath"))
                .as("the host's unit, after portabled's own reattach")
                .isEqualTo("/etc/systemd/system.attached/delta2host.service");
        assertThat(show("delta2host.service", "RootImage")).isEqualTo(third);
    }

    @Test
    void unitsLeftRunningWithoutUnitFilesAreStillFoundAfterPid1WasReloaded() throws Exception {
        PortableImage echo = PortableImage.named("echo2")
                .unit("echo2.socket", "[Socket]\nListenStream=/run/echo2.sock\n\n[Install]\nWantedBy=sockets.target\n")
                .unit("echo2.service", "[Service]\nExecStart=" + SLEEP + "\n")
                .unit(
                        "echo2-worker.service",
                        "[Service]\nExecStart=" + SLEEP + "\n\n[Install]\nWantedBy=multi-user.target\n");
        String path = install(echo.version("1"));
        host.attach(new Attachment(path, List.of("echo2"), "default", false, true, true));
        try (Bus bus = new Bus(container.busAddress())) {
            String broken = garbage("echo2_9.raw");
            assertThatThrownBy(() -> bus.portabled().reattachImage(broken, List.of("echo2"), "default", false, ""))
                    .hasMessageContaining(broken);
        }
        container.execOk("systemctl", "daemon-reload");
        assertThat(show("echo2-worker.service", "LoadState")).isEqualTo("not-found");
        assertThat(show("echo2-worker.service", "ActiveState")).isEqualTo("active");
        assertThat(show("echo2-worker.service", "RootImage"))
                .as("forgotten with the unit file")
                .isEmpty();
        assertThat(show("echo2.socket", "ActiveState")).isEqualTo("active");

        List<String> stopped =
                host.stopOrphanedUnits(new Attachment(path, List.of("echo2"), "default", false, true, true));
        host.attach(new Attachment(path, List.of("echo2"), "default", false, true, true));

        assertThat(stopped).containsExactlyInAnyOrder("echo2.socket", "echo2-worker.service");
        assertThat(unitState(only("echo2"), "echo2.socket")).isEqualTo("active");
        assertThat(unitState(only("echo2"), "echo2-worker.service")).isEqualTo("active");
    }

    @Test
    void reattachingWithAnotherProfileRelinksTheDropInAndRestartsTheService() {
        String path = install(PortableImage.named("sierra").service("sierra", SLEEP));
        host.attach(attachment(path, "sierra", "default"));
        String firstPid = show("sierra.service", "MainPID");
        assertThat(profileLink("sierra.service")).endsWith("/profile/default/service.conf");
        assertThat(show("sierra.service", "PrivateNetwork")).isEqualTo("no");

        host.reattach(attachment(path, "sierra", "nonetwork"));

        assertThat(profileLink("sierra.service")).endsWith("/profile/nonetwork/service.conf");
        assertThat(show("sierra.service", "PrivateNetwork")).isEqualTo("yes");
        assertThat(show("sierra.service", "ActiveState")).isEqualTo("active");
        assertThat(show("sierra.service", "MainPID")).isNotEqualTo(firstPid);
        assertThat(only("sierra").profile()).contains("nonetwork");
    }

    @Test
    void aUnitTheNewVersionNoLongerHasIsStoppedAndDisabledByAReattach() {
        PortableImage golf = PortableImage.named("golfx").service("golfx", SLEEP);
        String first = install(golf.version("1").service("golfx-worker", SLEEP));
        String second = install(golf.version("2"));
        host.attach(attachment(first, "golfx", "default"));
        assertThat(show("golfx-worker.service", "ActiveState")).isEqualTo("active");

        host.reattach(attachment(second, "golfx", "default"));

        assertThat(only("golfx").unitNames()).containsExactly("golfx.service");
        assertThat(show("golfx-worker.service", "ActiveState")).isEqualTo("inactive");
        assertThat(show("golfx.service", "ActiveState")).isEqualTo("active");
        assertThat(container
                        .exec("ls", "/etc/systemd/system.attached/multi-user.target.wants")
                        .stdout())
                .contains("golfx.service")
                .doesNotContain("golfx-worker.service");
    }

    @Test
    void aUnitWhoseStartJobFailsIsReportedWithItsJournal() {
        String path = install(PortableImage.named("tango")
                .unit("tango.service", "[Service]\nType=oneshot\nExecStart=/usr/bin/busybox false\n"));

        assertThatThrownBy(() -> host.attach(attachment(path, "tango", "default")))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.StartFailed))
                .hasMessageContaining("attaching " + path)
                .hasMessageContaining("tango.service did not start (job result 'failed'")
                .hasMessageContaining("journalctl -u tango.service");
        assertThat(unitState(only("tango"), "tango.service")).isEqualTo("failed");
    }

    @Test
    void aSocketActivatedServiceThatRunsIsRestartedByAReattachAndThenDetachesCleanly() throws IOException {
        PortableImage uniform = PortableImage.named("uniform")
                .unit(
                        "uniform.socket",
                        "[Socket]\nListenStream=/run/uniform.sock\n\n[Install]\nWantedBy=sockets.target\n")
                .unit("uniform.service", "[Service]\nExecStart=" + SLEEP + "\n");
        String first = install(uniform.version("1"));
        String second = install(uniform.version("2"));
        host.attach(attachment(first, "uniform", "default"));
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(container.hostPath("/run/uniform.sock")));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> show("uniform.service", "ActiveState").equals("active"));
        }
        String firstPid = show("uniform.service", "MainPID");

        host.reattach(attachment(second, "uniform", "default"));

        AttachedImage after = only("uniform");
        assertThat(after.imagePath()).isEqualTo(second);
        assertThat(unitState(after, "uniform.socket")).isEqualTo("active");
        assertThat(unitState(after, "uniform.service")).isEqualTo("active");
        assertThat(show("uniform.service", "MainPID")).isNotEqualTo(firstPid);

        host.detach(after); // the socket still holds the connection its service never accepted

        assertThat(host.attached()).extracting(AttachedImage::name).doesNotContain("uniform");
        assertThat(show("uniform.service", "ActiveState")).isEqualTo("inactive");
    }

    @Test
    void theDerivedStateAgreesWithPortabledsOwn() {
        String attached = install(PortableImage.named("victor").service("victor", SLEEP));
        String enabledByHand = install(PortableImage.named("xenon").service("xenon", SLEEP));
        String running = install(PortableImage.named("romeo").service("romeo", SLEEP));
        String runtime = install(PortableImage.named("quebec").service("quebec", SLEEP));
        host.attach(new Attachment(attached, List.of("victor"), "default", false, false, false));
        host.attach(new Attachment(enabledByHand, List.of("xenon"), "default", false, false, false));
        container.execOk("systemctl", "enable", "xenon.service");
        host.attach(new Attachment(running, List.of("romeo"), "default", false, true, true));
        host.attach(new Attachment(runtime, List.of("quebec"), "default", true, true, true));

        List<AttachedImage> images = host.attached();
        for (AttachedImage image : images) {
            assertThat(image.state().wire())
                    .as("state of " + image.imagePath())
                    .isEqualTo(host.portabledState(image.imagePath()));
        }
        assertThat(images)
                .extracting(AttachedImage::name, AttachedImage::state)
                .containsExactlyInAnyOrder(
                        tuple("victor", PortableState.ATTACHED),
                        tuple("xenon", PortableState.ENABLED),
                        tuple("romeo", PortableState.RUNNING),
                        tuple("quebec", PortableState.RUNNING_RUNTIME));
        container.execOk("systemctl", "disable", "xenon.service");
    }

    @Test
    void anImageEnabledButNotStartedIsEnabledThoughPortabledAndSystemctlCallItOtherwise() {
        String path = install(PortableImage.named("whiskey").service("whiskey", SLEEP));

        host.attach(new Attachment(path, List.of("whiskey"), "default", false, true, false));

        assertThat(only("whiskey").state()).isEqualTo(PortableState.ENABLED);
        assertThat(host.portabledState(path)).isEqualTo("attached");
        assertThat(container
                        .exec("systemctl", "is-enabled", "whiskey.service")
                        .stdout()
                        .strip())
                .isEqualTo("disabled");
        assertThat(show("multi-user.target", "Wants"))
                .as("what boot will start")
                .contains("whiskey.service");
    }

    @Test
    void anObservationOfRunningImagesCostsOneCallWhateverTheirNumber() {
        for (int i = 0; i < 10; i++) {
            String name = "echo" + (char) ('a' + i);
            host.attach(attachment(install(PortableImage.named(name).service(name, SLEEP)), name, "default"));
        }
        host.attached();

        int before = host.readCalls();
        long started = System.nanoTime();
        List<AttachedImage> images = host.attached();
        long micros = (System.nanoTime() - started) / 1000;

        assertThat(images).hasSize(10);
        assertThat(host.readCalls() - before).as("one ListUnitsByNames").isEqualTo(1);
        System.out.printf(
                "observing 10 attached images: %d D-Bus calls, %d ms%n", host.readCalls() - before, micros / 1000);
    }

    @Test
    void whatAPassObservesAgreesWithTheFullReadOfEachImage() {
        String socket = install(PortableImage.named("yodel")
                .unit("yodel.socket", "[Socket]\nListenStream=/run/yodel.sock\n\n[Install]\nWantedBy=sockets.target\n")
                .unit("yodel.service", "[Service]\nExecStart=" + SLEEP + "\n"));
        String stopped = install(PortableImage.named("zircon").service("zircon", SLEEP));
        String byHand = install(PortableImage.named("xylo").service("xylo", SLEEP));
        String runtime = install(PortableImage.named("quartz").service("quartz", SLEEP));
        String failing = install(
                PortableImage.named("fizzle").unit("fizzle.service", "[Service]\nExecStart=/usr/bin/busybox false\n"));
        host.attach(attachment(socket, "yodel", "default"));
        host.attach(new Attachment(stopped, List.of("zircon"), "default", false, true, false));
        host.attach(new Attachment(byHand, List.of("xylo"), "default", false, false, false));
        container.execOk("systemctl", "enable", "xylo.service");
        host.attach(new Attachment(runtime, List.of("quartz"), "strict", true, true, true));
        host.attach(attachment(failing, "fizzle", "default"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> unitState(only("fizzle"), "fizzle.service").equals("failed"));

        List<AttachedImage> observed = host.attached();

        assertThat(observed).hasSize(5);
        for (AttachedImage cheap : observed) {
            AttachedImage full = host.inspect(cheap.name()).orElseThrow();
            assertThat(cheap.imagePath()).as(cheap.name()).isEqualTo(full.imagePath());
            assertThat(cheap.extensions()).as(cheap.name()).isEqualTo(full.extensions());
            assertThat(cheap.profile()).as(cheap.name()).isEqualTo(full.profile());
            assertThat(cheap.state()).as(cheap.name()).isEqualTo(full.state());
            assertThat(cheap.units()).as(cheap.name()).hasSameSizeAs(full.units());
            for (int i = 0; i < full.units().size(); i++) {
                var f = full.units().get(i);
                var c = cheap.units().get(i);
                assertThat(List.of(c.name(), c.activeState(), c.subState(), c.result(), c.triggeredBy()))
                        .as(cheap.name())
                        .isEqualTo(List.of(f.name(), f.activeState(), f.subState(), f.result(), f.triggeredBy()));
            }
        }
        assertThat(observed)
                .extracting(AttachedImage::name, AttachedImage::state)
                .contains(tuple("zircon", PortableState.ENABLED), tuple("xylo", PortableState.ENABLED));
        container.execOk("systemctl", "disable", "xylo.service");
    }

    @Test
    void whenPortabledIsMaskedItIsUnavailableAndTheMessageSaysWhereAndWhatToInstall() {
        String path = install(PortableImage.named("mike").service("mike", SLEEP));
        container.execOk("systemctl", "mask", "--now", "systemd-portabled");
        try {
            assertThatThrownBy(() -> host.attach(attachment(path, "mike", "default")))
                    .isInstanceOfSatisfying(
                            BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PortabledUnavailable))
                    .hasMessageContaining("attaching " + path)
                    .hasMessageContaining(container.busAddress())
                    .hasMessageContaining("is not available")
                    .hasMessageContaining("systemd-container");
            assertThat(host.profiles())
                    .as("the profiles, read from disk while portabled is masked")
                    .contains("default");
        } finally {
            container.execOk("systemctl", "unmask", "systemd-portabled");
        }
        assertThat(host.profiles()).contains("default");
    }

    @Test
    void theProfilesReadFromDiskAreTheOnesPortabledOffers() throws Exception {
        container.execOk(
                "mkdir", "-p", "/etc/systemd/portable/profile/custom", "/etc/systemd/portable/profile/.hidden");
        container.execOk(
                "cp", "/usr/lib/systemd/portable/profile/strict/service.conf", "/etc/systemd/portable/profile/custom/");
        container.execOk("mkdir", "-p", "/run/systemd/portable/profile");
        // relative: an absolute link would be followed from this machine's root when read through /proc/PID/root
        container.execOk(
                "ln", "-s", "../../../../etc/systemd/portable/profile/custom", "/run/systemd/portable/profile/linked");
        container.execOk("touch", "/run/systemd/portable/profile/not-a-directory");
        try {
            Set<String> portabled;
            try (Bus bus = new Bus(container.busAddress())) {
                portabled = new TreeSet<>(
                        Values.strings(bus.properties(PortableManager.BUS_NAME, PortableManager.OBJECT_PATH)
                                .Get(PortableManager.INTERFACE, "Profiles")));
            }

            assertThat(host.profiles()).isEqualTo(portabled).contains("custom", "linked", "default", "trusted");
        } finally {
            container.execOk(
                    "rm",
                    "-rf",
                    "/etc/systemd/portable/profile/custom",
                    "/etc/systemd/portable/profile/.hidden",
                    "/run/systemd/portable/profile");
        }
    }

    @Test
    void afterTheSystemBusRestartsTheNextCallsConnectAgain() {
        assertThat(host.profiles()).contains("default");

        container.execOk("systemctl", "restart", "dbus.service");
        // logind does not come back to a new bus by itself, and the container's poweroff goes through it
        container.execOk("systemctl", "restart", "systemd-logind.service");

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .ignoreException(BerthException.class)
                .untilAsserted(() -> {
                    assertThat(host.profiles()).contains("default");
                    assertThat(host.attached()).isNotNull();
                });
    }

    @Test
    void anUnreachableBusIsUnavailableAndNamed() {
        String address = "unix:path=" + work.resolve("no-bus-here");
        try (DbusPortableHost nowhere = new DbusPortableHost(address, work)) {
            assertThatThrownBy(nowhere::attached)
                    .isInstanceOfSatisfying(
                            BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PortabledUnavailable))
                    .hasMessageContaining(address)
                    .hasMessageContaining("systemd-container");
            assertThatThrownBy(() -> nowhere.attach(attachment("/var/lib/portables/a_1.raw", "a", "default")))
                    .isInstanceOfSatisfying(
                            BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PortabledUnavailable))
                    .hasMessageContaining(address);
        }
    }

    private static Attachment attachment(String path, String match, String profile) {
        return new Attachment(path, List.of(match), profile, false, true, true);
    }

    private String install(PortableImage image) {
        Path raw = image.buildRaw(work);
        String path = POOL + "/" + raw.getFileName();
        container.copyIn(raw, path);
        return path;
    }

    private String garbage(String fileName) throws IOException {
        byte[] bytes = new byte[1 << 20];
        new java.util.Random(7).nextBytes(bytes);
        Path file = Files.write(work.resolve(fileName), bytes);
        String path = POOL + "/" + fileName;
        container.copyIn(file, path);
        return path;
    }

    private static AttachedImage only(String name) {
        List<AttachedImage> found =
                host.attached().stream().filter(a -> a.name().equals(name)).toList();
        assertThat(found).as("attached images named " + name).hasSize(1);
        return found.get(0);
    }

    private static String unitState(AttachedImage image, String unit) {
        return image.units().stream()
                .filter(u -> u.name().equals(unit))
                .findFirst()
                .orElseThrow()
                .activeState();
    }

    private static String show(String unit, String property) {
        return container
                .execOk("systemctl", "show", "-P", property, unit)
                .stdout()
                .strip();
    }

    private static String profileLink(String unit) {
        return container
                .execOk("readlink", "/etc/systemd/system.attached/" + unit + ".d/10-profile.conf")
                .stdout()
                .strip();
    }
}

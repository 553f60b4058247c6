package dev.berth.agent.dbus;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reconciler.fake.PortableHostContract;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.port.PortableHost;
import dev.berth.testkit.Suite;
import dev.berth.testkit.SystemdContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PortableHost contract against the real systemd and systemd-portabled of one container (the suite named by
 * -Dberth.suite), reached from the machine over the container's system bus.
 */
class DbusPortableHostIT extends PortableHostContract {
    private static final String POOL = "/var/lib/portables";
    private static final String HOST_UNITS = "/usr/local/lib/systemd/system/";

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

    @Override
    protected PortableHost host() {
        return host;
    }

    @Override
    protected String install(TestImage image) {
        Path raw = TestImages.real(image).buildRaw(work);
        String path = POOL + "/" + image.fileName();
        container.copyIn(raw, path);
        return path;
    }

    @Override
    protected void attachByHand(String imagePath) {
        container.execOk("portablectl", "attach", "--enable", "--now", imagePath);
    }

    /** Reattaches onto a file that is no image: portabled detaches first, then cannot mount it. */
    @Override
    protected void reattachRefusedHalfWay(String name) {
        String broken = POOL + "/" + name + "_0broken.raw";
        try {
            Path garbage = Files.write(work.resolve(name + "_0broken.raw"), new byte[1 << 20]);
            container.copyIn(garbage, broken);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Bus bus = new Bus(container.busAddress())) {
            assertThatThrownBy(() -> bus.portabled().reattachImage(broken, List.of(name), "default", false, ""))
                    .hasMessageContaining(broken);
        }
    }

    /** In /usr/local/lib/systemd/system, which the attached directory would override. */
    @Override
    protected void runOnHost(String unit) {
        container.writeFile(HOST_UNITS + unit, "[Service]\nExecStart=/bin/sleep infinity\n");
        container.execOk("systemctl", "daemon-reload");
        container.execOk("systemctl", "start", unit);
    }

    @Override
    protected boolean runningOnHost(String unit) {
        String fragment = container
                .execOk("systemctl", "show", "-P", "FragmentPath", unit)
                .stdout()
                .strip();
        return container.exec("systemctl", "is-active", "--quiet", unit).ok() && fragment.equals(HOST_UNITS + unit);
    }
}

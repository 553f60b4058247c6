package dev.berth.agent.dbus;

import dev.berth.reconciler.fake.PortableHostContract;
import dev.berth.reconciler.fake.TestImage;
import dev.berth.reconciler.port.PortableHost;
import dev.berth.testkit.Suite;
import dev.berth.testkit.SystemdContainer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PortableHost contract against the real systemd and systemd-portabled of one container (the suite named by
 * -Dberth.suite), reached from the machine over the container's system bus.
 */
class DbusPortableHostIT extends PortableHostContract {
    private static final String POOL = "/var/lib/portables";

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
}

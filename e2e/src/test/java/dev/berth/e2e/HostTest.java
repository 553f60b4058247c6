package dev.berth.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test on a freshly booted systemd host with Berth in it (and its test configuration), and a shelf of images
 * served to it over http; both are gone after each test.
 */
abstract class HostTest {
    @TempDir
    Path images;

    Shelf shelf;
    BerthHost host;

    @BeforeEach
    final void bootTheHost() {
        shelf = new Shelf(images);
        host = BerthHost.boot();
    }

    @AfterEach
    final void powerTheHostOff() {
        host.close();
        shelf.close();
    }
}

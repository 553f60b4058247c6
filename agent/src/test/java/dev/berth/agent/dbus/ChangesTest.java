package dev.berth.agent.dbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangesTest {
    /** What AttachImage returned on systemd 252 for a one-service raw image in the pool. */
    private static final List<Change> ATTACH_252 = List.of(
            new Change("mkdir", "/etc/systemd/system.attached", ""),
            new Change("mkdir", "/etc/systemd/system.attached/hello.service.d", ""),
            new Change("write", "/etc/systemd/system.attached/hello.service.d/20-portable.conf", ""),
            new Change(
                    "symlink",
                    "/etc/systemd/system.attached/hello.service.d/10-profile.conf",
                    "/usr/lib/systemd/portable/profile/default/service.conf"),
            new Change("copy", "/etc/systemd/system.attached/hello.service", ""),
            new Change("symlink", "/etc/portables/hello_1.raw", "/var/lib/portables/hello_1.raw"));

    @Test
    void onlyUnitFilesCopiedOrLinkedIntoAnAttachedDirectoryAreUnits() {
        assertThat(Changes.createdUnitFiles(ATTACH_252)).containsExactly("/etc/systemd/system.attached/hello.service");
        assertThat(Changes.unitNames(Changes.createdUnitFiles(ATTACH_252))).containsExactly("hello.service");
    }

    @Test
    void aRuntimeAttachmentsUnitsAreUnderRun() {
        List<Change> changes = List.of(
                new Change("copy", "/run/systemd/system.attached/kilo.socket", ""),
                new Change("symlink", "/run/systemd/system.attached/kilo.service", "/images/kilo/kilo.service"));

        assertThat(Changes.unitNames(Changes.createdUnitFiles(changes))).containsExactly("kilo.socket", "kilo.service");
    }

    @Test
    void theRemovedUnitFilesAreTheUnlinkedOnes() {
        List<Change> removed = List.of(
                new Change("unlink", "/etc/systemd/system.attached/hello.service", ""),
                new Change("unlink", "/etc/systemd/system.attached/hello.service.d/10-profile.conf", ""),
                new Change("unlink", "/etc/systemd/system.attached/hello.service.d", ""),
                new Change("unlink", "/etc/portables/hello_1.raw", ""));

        assertThat(Changes.removedUnitFiles(removed)).containsExactly("/etc/systemd/system.attached/hello.service");
        assertThat(Changes.createdUnitFiles(removed)).isEmpty();
    }
}

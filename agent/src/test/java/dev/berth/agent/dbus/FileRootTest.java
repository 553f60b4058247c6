package dev.berth.agent.dbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRootTest {
    private static final String MARKER = "# Drop-in created for image '/var/lib/portables/hello_1.raw', do not edit.\n";

    @TempDir
    Path root;

    private FileRoot files;

    @BeforeEach
    void setUp() {
        files = new FileRoot(root);
    }

    @Test
    void theMarkerNamesTheImage() throws IOException {
        write("etc/systemd/system.attached/hello.service.d/20-portable.conf", MARKER + "\n[Service]\n");

        assertThat(files.marker("/etc/systemd/system.attached/hello.service"))
                .contains("/var/lib/portables/hello_1.raw");
    }

    @Test
    void theProfilesAreTheDirectoriesInPortabledsProfileDirectoriesWithoutHiddenOrBackupNames() throws IOException {
        write("usr/lib/systemd/portable/profile/default/service.conf", "[Service]\n");
        write("usr/lib/systemd/portable/profile/strict/service.conf", "[Service]\n");
        write("etc/systemd/portable/profile/custom/service.conf", "[Service]\n");
        write("etc/systemd/portable/profile/.hidden/service.conf", "[Service]\n");
        write("etc/systemd/portable/profile/old~/service.conf", "[Service]\n");
        write("run/systemd/portable/profile/not-a-directory", "");
        Files.createSymbolicLink(
                root.resolve("run/systemd/portable/profile/linked"),
                Path.of("../../../../etc/systemd/portable/profile/custom"));
        Files.createSymbolicLink(root.resolve("run/systemd/portable/profile/dangling"), Path.of("nowhere"));

        assertThat(files.profiles()).containsExactly("custom", "default", "linked", "strict");
    }

    @Test
    void aHostWithoutProfileDirectoriesOffersNone() {
        assertThat(files.profiles()).isEmpty();
    }

    @Test
    void aFirstLineWithoutTheMarkerNamesNothing() {
        assertThat(FileRoot.parseMarker("[Service]")).isEmpty();
        assertThat(FileRoot.parseMarker("# Drop-in created for image '', do not edit."))
                .isEmpty();
        assertThat(FileRoot.parseMarker(null)).isEmpty();
    }

    @Test
    void theAttachedUnitFilesAreThoseWithAMarkerInEitherDirectory() throws IOException {
        write("etc/systemd/system.attached/hello.service", "[Service]\n");
        write("etc/systemd/system.attached/hello.service.d/20-portable.conf", MARKER);
        write("etc/systemd/system.attached/multi-user.target.wants/hello.service", "");
        write("etc/systemd/system.attached/by-hand.service", "[Service]\n");
        write("run/systemd/system.attached/kilo.socket", "[Socket]\n");
        write("run/systemd/system.attached/kilo.socket.d/20-portable.conf", MARKER);
        write("run/systemd/system.attached/notes.txt", "");

        assertThat(files.attachedUnitFiles())
                .containsExactly(
                        "/etc/systemd/system.attached/hello.service", "/run/systemd/system.attached/kilo.socket");
    }

    @Test
    void noAttachedDirectoryMeansNothingAttached() throws IOException {
        assertThat(files.attachedUnitFiles()).isEmpty();
    }

    @Test
    void unitsLinkedFromTheAttachedDependencyDirectoriesAreWanted() throws IOException {
        link("etc/systemd/system.attached/multi-user.target.wants/hello.service");
        link("run/systemd/system.attached/sockets.target.wants/kilo.socket");
        link("etc/systemd/system.attached/hello.service.d/10-profile.conf");

        assertThat(files.wantedUnits()).containsExactly("hello.service", "kilo.socket");
    }

    @Test
    void aLinkedProfileIsNamedByItsDirectory() throws IOException {
        Path dropIn = root.resolve("etc/systemd/system.attached/hello.service.d/10-profile.conf");
        Files.createDirectories(dropIn.getParent());
        Files.createSymbolicLink(dropIn, Path.of("/usr/lib/systemd/portable/profile/nonetwork/service.conf"));

        assertThat(files.profile("/etc/systemd/system.attached/hello.service.d/10-profile.conf"))
                .contains("nonetwork");
    }

    @Test
    void aCopiedProfileIsRecognisedByItsContent() throws IOException {
        write("usr/lib/systemd/portable/profile/default/service.conf", "[Service]\nDynamicUser=yes\n");
        write("usr/lib/systemd/portable/profile/strict/service.conf", "[Service]\nPrivateNetwork=yes\n");
        write("etc/systemd/system.attached/hello.service.d/10-profile.conf", "[Service]\nPrivateNetwork=yes\n");

        assertThat(files.profile("/etc/systemd/system.attached/hello.service.d/10-profile.conf"))
                .contains("strict");
    }

    @Test
    void aMissingOrUnknownProfileDropInIsUnknown() throws IOException {
        write("etc/systemd/system.attached/hello.service.d/10-profile.conf", "[Service]\nEdited=by hand\n");

        assertThat(files.profile("/etc/systemd/system.attached/hello.service.d/10-profile.conf"))
                .isEmpty();
        assertThat(files.profile("/etc/systemd/system.attached/other.service.d/10-profile.conf"))
                .isEmpty();
        assertThat(FileRoot.profileOfLink("/somewhere/else.conf")).isEmpty();
    }

    private void link(String relative) throws IOException {
        Path link = root.resolve(relative);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of("/etc/systemd/system.attached/" + link.getFileName()));
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}

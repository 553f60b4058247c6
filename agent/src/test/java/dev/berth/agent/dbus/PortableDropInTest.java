package dev.berth.agent.dbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 20-portable.conf texts are the ones systemd 252 and 257 wrote (docs/design.md, "No-op pass at scale"). */
class PortableDropInTest {
    private static final String RAW_252 = """
            # Drop-in created for image '/var/lib/portables/rimg_1.raw', do not edit.

            [Service]
            RootImage=/var/lib/portables/rimg_1.raw
            Environment=PORTABLE=rimg_1.raw
            BindReadOnlyPaths=/etc/os-release:/run/host/os-release
            LogExtraFields=PORTABLE=rimg_1.raw
            """;
    private static final String DIRECTORY_257 = """
            # Drop-in created for image '/var/lib/portables/dimg_1', do not edit.

            [Service]
            RootDirectory=/var/lib/portables/dimg_1
            Environment=PORTABLE=dimg_1
            LogExtraFields=PORTABLE=dimg_1
            LogExtraFields=PORTABLE_NAME_AND_VERSION=berth-image_1
            """;
    private static final String EXTENSION_257 = """
            # Drop-in created for image '/var/lib/portables/base_1.raw:/var/lib/portables/app_1.0.raw', do not edit.

            [Service]
            RootImage=/var/lib/portables/base_1.raw
            Environment=PORTABLE=app_1.0.raw
            LogExtraFields=PORTABLE=app_1.0.raw
            Environment=PORTABLE_ROOT=base_1.raw

            ExtensionImages=/var/lib/portables/app_1.0.raw
            LogExtraFields=PORTABLE_EXTENSION=app_1.0.raw
            """;

    @TempDir
    Path root;

    @Test
    void aRawImageIsItsRootImage() {
        PortableDropIn dropIn = PortableDropIn.parse(RAW_252).orElseThrow();

        assertThat(dropIn.marker()).isEqualTo("/var/lib/portables/rimg_1.raw");
        assertThat(dropIn.rootImage()).isEqualTo("/var/lib/portables/rimg_1.raw");
        assertThat(dropIn.rootDirectory()).isEmpty();
        assertThat(dropIn.extensionImages()).isEmpty();
    }

    @Test
    void aDirectoryImageIsItsRootDirectory() {
        PortableDropIn dropIn = PortableDropIn.parse(DIRECTORY_257).orElseThrow();

        assertThat(dropIn.rootDirectory()).isEqualTo("/var/lib/portables/dimg_1");
        assertThat(dropIn.rootImage()).isEmpty();
    }

    @Test
    void anExtensionIsListedAfterItsBaseAsTheMarkerJoinsThem() {
        PortableDropIn dropIn = PortableDropIn.parse(EXTENSION_257).orElseThrow();

        assertThat(dropIn.rootImage()).isEqualTo("/var/lib/portables/base_1.raw");
        assertThat(dropIn.extensionImages()).containsExactly("/var/lib/portables/app_1.0.raw");
        assertThat(dropIn.marker())
                .isEqualTo(dropIn.rootImage() + ":" + dropIn.extensionImages().get(0));
    }

    @Test
    void extensionEntriesLoseTheirOptionsAndAnEmptyAssignmentResetsThem() {
        String text = RAW_252 + "ExtensionImages=/a.raw\nExtensionImages=\nExtensionImages=-/b.raw:root:ro /c.raw\n";

        assertThat(PortableDropIn.parse(text).orElseThrow().extensionImages()).containsExactly("/b.raw", "/c.raw");
    }

    @Test
    void aDropInWithoutPortabledsMarkerIsNotPortabledsAndNamesNothing() {
        assertThat(PortableDropIn.parse("[Service]\nRootImage=/var/lib/portables/x_1.raw\n"))
                .isEmpty();
        assertThat(PortableDropIn.parse("")).isEmpty();
    }

    @Test
    void aDropInReachedThroughALinkIsNotRead() throws IOException {
        Path elsewhere = Files.writeString(root.resolve("elsewhere.conf"), RAW_252);
        Path attached = Files.createDirectories(root.resolve("etc/systemd/system.attached/hello.service.d"));
        Files.createSymbolicLink(attached.resolve("20-portable.conf"), elsewhere);
        Path linkedDir = root.resolve("etc/systemd/system.attached/other.service.d");
        Files.createDirectories(root.resolve("outside"));
        Files.writeString(root.resolve("outside/20-portable.conf"), RAW_252);
        Files.createSymbolicLink(linkedDir, root.resolve("outside"));
        FileRoot files = new FileRoot(root);

        assertThat(files.dropIn("/etc/systemd/system.attached/hello.service")).isEmpty();
        assertThat(files.dropIn("/etc/systemd/system.attached/other.service")).isEmpty();
    }
}

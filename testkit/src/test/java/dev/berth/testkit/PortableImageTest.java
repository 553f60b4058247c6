package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortableImageTest {
    private static final PortableImage HELLO = PortableImage.named("hello")
            .version("1.0")
            .service("hello", "/usr/bin/busybox httpd -f -p 127.0.0.1:8080 -h /usr/lib/www")
            .file("usr/lib/www/index.html", "v1");

    @TempDir
    Path dir;

    @Test
    void aDirectoryImageHoldsBusyboxOsReleaseTheUnitsTheFilesAndPortabledsMountPoints() throws IOException {
        Path root = HELLO.buildDirectory(dir);

        assertThat(root).isEqualTo(dir.resolve("hello_1.0"));
        assertThat(root.resolve("usr/bin/busybox")).isExecutable();
        assertThat(StaticBusybox.isStatic(root.resolve("usr/bin/busybox"))).isTrue();
        assertThat(root.resolve("usr/lib/os-release")).hasContent("ID=berth-test\nVERSION_ID=1.0");
        assertThat(root.resolve("usr/lib/systemd/system/hello.service"))
                .content()
                .contains("ExecStart=/usr/bin/busybox httpd -f -p 127.0.0.1:8080 -h /usr/lib/www")
                .contains("[Install]\nWantedBy=multi-user.target");
        assertThat(root.resolve("usr/lib/www/index.html")).hasContent("v1");
        for (String mountPoint : new String[] {"proc", "sys", "dev", "run", "tmp", "var/tmp"}) {
            assertThat(root.resolve(mountPoint)).isEmptyDirectory();
        }
        assertThat(root.resolve("etc/resolv.conf")).isEmptyFile();
        assertThat(root.resolve("etc/machine-id")).isEmptyFile();
    }

    @Test
    void anExtensionImageHoldsItsUnitsAndAnExtensionReleaseNamedForItsWholeNameMatchingItsBase() throws IOException {
        PortableImage base = PortableImage.named("base").version("7");
        Path root = PortableImage.extensionOf(base, "app")
                .version("2.0")
                .service("app", "/usr/bin/busybox sleep 1000")
                .buildDirectory(dir);

        assertThat(root).isEqualTo(dir.resolve("app_2.0"));
        assertThat(root.resolve("usr/lib/extension-release.d/extension-release.app_2.0"))
                .hasContent("ID=berth-test\nVERSION_ID=7");
        assertThat(root.resolve("usr/lib/systemd/system/app.service")).exists();
        assertThat(root.resolve("usr/bin/busybox")).doesNotExist();
        assertThat(root.resolve("usr/lib/os-release")).doesNotExist();
        assertThat(root.resolve("proc")).doesNotExist();
    }

    @Test
    void executablesAreExecutableAndTextFilesAreNot() throws IOException {
        Path root = PortableImage.named("tool")
                .executable("usr/bin/run", "#!/usr/bin/busybox sh\nexit 0\n")
                .file("usr/lib/data.txt", "x")
                .buildDirectory(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("usr/bin/run"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("usr/lib/data.txt"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void aRawImageIsASquashfsNamedForNameAndVersionAndIsReproducible() throws IOException {
        Path first = HELLO.buildRaw(dir.resolve("a"));
        Path second = HELLO.buildRaw(dir.resolve("b"));

        assertThat(first.getFileName()).hasToString("hello_1.0.raw");
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        String listing =
                Command.of("unsquashfs", "-l", first.toString()).runOk().stdout();
        assertThat(listing)
                .contains("squashfs-root/usr/bin/busybox")
                .contains("squashfs-root/usr/lib/systemd/system/hello.service")
                .contains("squashfs-root/var/tmp")
                .contains("squashfs-root/etc/machine-id");
        assertThat(dir.resolve("a")).isDirectoryNotContaining("glob:**/.#*");
    }

    @Test
    void rebuildingReplacesTheImageWithTheNewContent() throws IOException {
        HELLO.buildDirectory(dir);
        Path root = HELLO.file("usr/lib/www/index.html", "v2").buildDirectory(dir);

        assertThat(root.resolve("usr/lib/www/index.html")).hasContent("v2");
        assertThat(dir).isDirectoryNotContaining("glob:**/.#*");
    }

    @Test
    void eachChangeMakesANewImageAndLeavesTheOriginalAlone() {
        PortableImage two = HELLO.version("2.0").osRelease("ID=other\n");

        assertThat(two.baseName()).isEqualTo("hello_2.0");
        assertThat(two.osReleaseText()).isEqualTo("ID=other\n");
        assertThat(HELLO.baseName()).isEqualTo("hello_1.0");
        assertThat(HELLO.osReleaseText()).isEqualTo("ID=berth-test\nVERSION_ID=1.0\n");
    }

    @Test
    void pathsLeavingTheImageAndNamesWithSlashesAreRefused() {
        assertThatThrownBy(() -> HELLO.file("../outside", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../outside");
        assertThatThrownBy(() -> HELLO.file("/etc/passwd", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortableImage.named("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HELLO.version("1 0")).isInstanceOf(IllegalArgumentException.class);
    }
}

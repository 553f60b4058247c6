package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NspawnCommandTest {
    @TempDir
    Path dir;

    @Test
    void bootsAVolatileUnregisteredContainerWithLoopNodesTheJdkAndExtraMounts() throws IOException {
        Path nodes = Files.createDirectories(dir.resolve("loop-nodes"));
        Files.createFile(nodes.resolve("loop10"));
        Files.createFile(nodes.resolve("loop2"));
        Path shared = Files.createDirectories(dir.resolve("shared"));

        List<String> argv = NspawnCommand.argv(
                dir.resolve("rootfs"), "berth-x-1", nodes, List.of(new BindMount(shared, "/srv/shared", false)));

        assertThat(argv)
                .startsWith("/usr/bin/setsid", "/usr/bin/systemd-nspawn")
                .contains(
                        "--directory=" + dir.resolve("rootfs"),
                        "--volatile=overlay",
                        "--boot",
                        "--machine=berth-x-1",
                        "--hostname=berth-x-1",
                        "--register=no",
                        "--keep-unit",
                        "--console=passive",
                        "--bind=/dev/loop-control",
                        "--bind=" + shared + ":/srv/shared")
                .containsSubsequence(
                        "--bind=" + nodes.resolve("loop2") + ":/dev/loop2",
                        "--bind=" + nodes.resolve("loop10") + ":/dev/loop10");
    }

    @Test
    void eachJdkOfTheMachineIsBoundOnItsOwnSoTheContainersOwnJavaStaysVisible() {
        List<String> jdks = NspawnCommand.jdkMounts().stream()
                .map(BindMount::nspawnOption)
                .filter(option -> option.contains("/usr/lib/jvm"))
                .toList();

        assertThat(jdks).isNotEmpty().doesNotContain("--bind-ro=/usr/lib/jvm:/usr/lib/jvm");
        assertThat(jdks).allMatch(option -> option.matches("--bind-ro=/usr/lib/jvm/[^/:]+:/usr/lib/jvm/[^/:]+"));
    }

    @Test
    void onlyRealDirectoriesOfAJvmDirectoryAreBoundNotLinksOrFiles() throws IOException {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        Files.createDirectories(jvms.resolve("java-17-openjdk-amd64"));
        Files.createSymbolicLink(jvms.resolve("java-1.17.0-openjdk-amd64"), Path.of("java-17-openjdk-amd64"));
        Files.createFile(jvms.resolve(".java-1.17.0-openjdk-amd64.jinfo"));

        assertThat(NspawnCommand.directoriesIn(jvms)).containsExactly(jvms.resolve("java-17-openjdk-amd64"));
        assertThat(NspawnCommand.directoriesIn(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void aBindMountOfAMissingMachinePathFailsBeforeBooting() throws IOException {
        Path nodes = Files.createDirectories(dir.resolve("loop-nodes"));
        Files.createFile(nodes.resolve("loop0"));
        BindMount missing = new BindMount(dir.resolve("missing"), "/srv/x", true);

        assertThatThrownBy(() -> NspawnCommand.argv(dir, "berth-x-2", nodes, List.of(missing)))
                .isInstanceOf(TestHostException.class)
                .hasMessageContaining(dir.resolve("missing") + " into the container at /srv/x")
                .hasMessageContaining("does not exist");
    }

    @Test
    void bindMountPathsMustBeAbsoluteInsideAndFreeOfColons() {
        assertThatThrownBy(() -> new BindMount(dir, "relative", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BindMount(dir, "/a:b", true)).hasMessageContaining("cannot contain ':'");
    }
}

package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boots the suite named by -Dberth.suite (bookworm by default) and drives its real systemd-portabled. */
class SystemdContainerIT {
    private static final Suite SUITE = Suite.fromSystemProperty();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    @Test
    void aRawImageAttachedInsideServesOnTheMachinesLoopbackAndTheContainerLeavesNothingBehind() {
        int port = FreePort.pick();
        Path raw = helloImage(port, "hello from " + SUITE.codename()).buildRaw(work);
        SystemdContainer host = SystemdContainer.boot(SUITE);
        ProcessHandle nspawn = host.nspawnProcess();
        ProcessHandle init = ProcessHandle.of(host.pid()).orElseThrow();
        try {
            assertThat(host.systemdVersion()).isEqualTo(SUITE.systemdVersion());
            assertThat(Command.of(
                                    "busctl",
                                    "--address=" + host.busAddress(),
                                    "introspect",
                                    "org.freedesktop.portable1",
                                    "/org/freedesktop/portable1")
                            .runOk()
                            .stdout())
                    .as("portabled answers on the container's bus from the machine")
                    .contains(".AttachImage");

            host.copyIn(raw, "/var/lib/portables/hello_1.0.raw");
            host.execOk("portablectl", "attach", "--enable", "--now", "/var/lib/portables/hello_1.0.raw");
            awaitServed(host, port, "hello from " + SUITE.codename());
            assertThat(host.journal("hello.service")).contains("hello.service");

            host.execOk("portablectl", "detach", "--enable", "--now", "hello_1.0");
            assertThat(host.exec("portablectl", "is-attached", "hello_1.0")
                            .stdout()
                            .strip())
                    .isEqualTo("detached");
            assertThatThrownBy(() -> get(port)).isInstanceOf(ConnectException.class);
        } finally {
            host.close();
        }
        assertThat(nspawn.isAlive()).as("systemd-nspawn runs after close()").isFalse();
        assertThat(init.isAlive())
                .as("the container's systemd runs after close()")
                .isFalse();
    }

    @Test
    void aDirectoryImageAttachesToo() {
        int port = FreePort.pick();
        Path tree = helloImage(port, "from a directory").buildDirectory(work);
        try (SystemdContainer host = SystemdContainer.boot(SUITE)) {
            host.copyIn(tree, "/var/lib/portables/hello_1.0");
            host.execOk("portablectl", "attach", "--enable", "--now", "hello_1.0");
            awaitServed(host, port, "from a directory");
        }
    }

    @Test
    void twoContainersRunSideBySideEachWithItsOwnNameFilesAndLoopDevice() {
        int firstPort = FreePort.pick();
        int secondPort = FreePort.pick();
        Path firstImage = helloImage(firstPort, "first").buildRaw(work.resolve("first"));
        Path secondImage = helloImage(secondPort, "second").buildRaw(work.resolve("second"));
        try (SystemdContainer first = SystemdContainer.boot(SUITE);
                SystemdContainer second = SystemdContainer.boot(SUITE)) {
            assertThat(first.name()).isNotEqualTo(second.name());
            assertThat(first.execOk("hostname").stdout().strip()).isEqualTo(first.name());
            assertThat(second.execOk("hostname").stdout().strip()).isEqualTo(second.name());

            first.writeFile("/etc/berth-marker", "first");
            assertThat(second.exec("test", "-e", "/etc/berth-marker").exitCode())
                    .as("a file written in one container is visible in the other")
                    .isNotZero();
            assertThat(TestHost.rootfs(SUITE).resolve("etc/berth-marker"))
                    .as("the cached template stays untouched")
                    .doesNotExist();

            // Both raw images stay mounted at once, each on its own loop device.
            first.copyIn(firstImage, "/var/lib/portables/hello_1.0.raw");
            second.copyIn(secondImage, "/var/lib/portables/hello_1.0.raw");
            first.execOk("portablectl", "attach", "--enable", "--now", "hello_1.0");
            second.execOk("portablectl", "attach", "--enable", "--now", "hello_1.0");
            awaitServed(first, firstPort, "first");
            awaitServed(second, secondPort, "second");
        }
    }

    @Test
    void theMachinesJdkRunsInsideTheContainer() {
        String javaHome = System.getProperty("java.home");
        try (SystemdContainer host = SystemdContainer.boot(SUITE)) {
            CommandResult version = host.execOk(javaHome + "/bin/java", "-version");
            assertThat(version.stderr()).contains(System.getProperty("java.specification.version"));
            host.execOk("test", "-r", javaHome + "/lib/security/cacerts");
        }
    }

    @Test
    void aBindMountFromTheMachineIsWritableInside() throws IOException {
        try (SystemdContainer host =
                SystemdContainer.boot(SUITE, ContainerOptions.defaults().bind(work, "/srv/shared"))) {
            host.execOk("sh", "-c", "echo written-inside > /srv/shared/out.txt");
            assertThat(Files.readString(work.resolve("out.txt"))).isEqualTo("written-inside\n");
        }
    }

    @Test
    void aContainerThatDoesNotBootInTimeFailsWithItsConsoleLogAndIsKilled() {
        ContainerOptions impatient = ContainerOptions.defaults().withBootTimeout(Duration.ofMillis(1));

        assertThatThrownBy(() -> SystemdContainer.boot(SUITE, impatient))
                .isInstanceOf(TestHostException.class)
                .hasMessageContaining("within PT0.001S")
                .hasMessageContaining("console log");
        assertThat(ProcessHandle.current().children())
                .as("no systemd-nspawn of this JVM survives a failed boot")
                .noneMatch(p -> p.info().command().orElse("").endsWith("systemd-nspawn"));
    }

    private static PortableImage helloImage(int port, String text) {
        return PortableImage.named("hello")
                .version("1.0")
                .service("hello", "/usr/bin/busybox httpd -f -p 127.0.0.1:" + port + " -h /usr/lib/www")
                .file("usr/lib/www/index.html", text + "\n");
    }

    private static void awaitServed(SystemdContainer host, int port, String text) {
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(get(port))
                        .as(
                                "GET /index.html from hello.service in %s; its journal:%n%s",
                                host.name(), host.journal("hello.service"))
                        .isEqualTo(text + "\n"));
    }

    private static String get(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "HTTP " + response.statusCode();
    }
}

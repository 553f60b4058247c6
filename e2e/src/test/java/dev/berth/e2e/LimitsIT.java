package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-image limits on a real systemd: two images, one with limits. systemd shows them on the limited unit only; a
 * changed limit is applied by restarting that unit and no other; a drop-in edited by hand is put back; removing
 * the image removes its drop-in. One host for the class: each step starts where the one before left it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitsIT {
    private static final String DROP_IN = "/etc/systemd/system/hello.service.d/50-berth-limits.conf";

    @TempDir
    static Path images;

    private final int port = FreePort.pick();
    private Shelf shelf;
    private BerthHost host;
    private Published hello;
    private Published calm;

    @BeforeAll
    void bootTheHost() {
        shelf = new Shelf(images);
        hello = shelf.publish(Images.hello("1.0", port));
        calm = shelf.publish(Images.idle("calm", "1"));
        host = BerthHost.boot();
    }

    @AfterAll
    void powerTheHostOff() {
        if (host != null) {
            host.close();
        }
        if (shelf != null) {
            shelf.close();
        }
    }

    private String manifest(String memoryMax) {
        return Shelf.manifest(
                hello.entry(
                        "limits:",
                        "  memoryMax: " + memoryMax,
                        "  cpuQuota: 50%",
                        "  tasksMax: 64",
                        "  ipAddressAllow: [localhost]",
                        "  ipAddressDeny: [any]"),
                calm.entry());
    }

    private void applied() {
        CommandResult apply = host.apply();
        assertThat(apply.exitCode()).as(apply.describe()).isZero();
    }

    @Test
    @Order(1)
    void theLimitsOfAnImageAreOnItsUnitFromItsFirstStartAndOnNoOtherUnit() {
        host.manifest(manifest("256M"));

        applied();

        assertThat(host.property("hello.service", "MemoryMax")).isEqualTo(Long.toString(256L << 20));
        assertThat(host.property("hello.service", "CPUQuotaPerSecUSec")).isEqualTo("500ms");
        assertThat(host.property("hello.service", "TasksMax")).isEqualTo("64");
        assertThat(host.property("hello.service", "IPAddressDeny"))
                .contains("0.0.0.0/0")
                .contains("::/0");
        assertThat(host.property("hello.service", "IPAddressAllow")).contains("127.0.0.0/8");
        assertThat(host.property("hello.service", "NRestarts")).isEqualTo("0");
        assertThat(host.property("calm.service", "MemoryMax")).isEqualTo("infinity");
        assertThat(host.property("calm.service", "IPAddressDeny")).isEmpty();
        assertThat(host.sh("cat " + DROP_IN)).contains("[Service]", "MemoryMax=256M", "TasksMax=64");
        assertThat(host.sh("stat -c %a " + DROP_IN)).isEqualTo("644");
        assertThat(host.sh("ls -A /etc/systemd/system/hello.service.d")).isEqualTo("50-berth-limits.conf");
        assertThat(host.inventory()).contains("\"memoryMax\" : \"256M\"");
        Http.awaitBody(port, "hello 1.0");
    }

    @Test
    @Order(2)
    void aChangedLimitRestartsItsImagesUnitAndNoOther() {
        String helloRun = host.property("hello.service", "InvocationID");
        String calmRun = host.property("calm.service", "InvocationID");
        host.manifest(manifest("128M"));

        CommandResult plan = host.plan();
        assertThat(plan.stdout()).contains("limit").contains("MemoryMax=128M").doesNotContain("upgrade");
        applied();

        assertThat(host.property("hello.service", "MemoryMax")).isEqualTo(Long.toString(128L << 20));
        assertThat(host.property("hello.service", "InvocationID")).isNotEqualTo(helloRun);
        assertThat(host.property("calm.service", "InvocationID")).isEqualTo(calmRun);
        assertThat(host.active("hello.service")).isTrue();
        assertThat(host.plan().stdout()).doesNotContain("limit");
    }

    @Test
    @Order(3)
    void aDropInEditedByHandIsReportedAsDriftAndPutBack() {
        host.sh("sed -i s/MemoryMax=128M/MemoryMax=infinity/ " + DROP_IN + " && systemctl daemon-reload");
        assertThat(host.property("hello.service", "MemoryMax")).isEqualTo("infinity");

        CommandResult plan = host.plan();
        assertThat(plan.stdout()).contains("drift").contains("limits drop-in of hello.service changed outside Berth");
        applied();

        assertThat(host.sh("cat " + DROP_IN)).contains("MemoryMax=128M");
        assertThat(host.property("hello.service", "MemoryMax")).isEqualTo(Long.toString(128L << 20));
    }

    @Test
    @Order(4)
    void removingTheImageRemovesItsDropIn() {
        host.manifest(Shelf.manifest(calm.entry()));

        applied();

        assertThat(host.sh("test -e /etc/systemd/system/hello.service.d && echo there || echo gone"))
                .isEqualTo("gone");
        assertThat(host.portablectlList()).doesNotContain("hello");
        assertThat(host.active("calm.service")).isTrue();
    }
}

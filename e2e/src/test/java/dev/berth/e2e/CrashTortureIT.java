package dev.berth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.e2e.Shelf.Published;
import dev.berth.testkit.CommandResult;
import dev.berth.testkit.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kill -9 of {@code berth apply} at random moments while it attaches, upgrades and detaches, many times over: after
 * each kill, the next apply converges, and the host, the pool and the inventory agree with the manifest.
 */
@OnceIsEnough
class CrashTortureIT extends HostTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrashTortureIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 12;

    @Test
    void applyKilledAtRandomMomentsAlwaysConvergesOnTheNextApply() throws Exception {
        int aPort = FreePort.pick();
        int bPort = FreePort.pick();
        Published a1 = shelf.publish(Images.hello("1.0", aPort));
        Published a2 = shelf.publish(Images.hello("2.0", aPort));
        Published b1 = shelf.publish(Images.web("1", bPort));
        List<List<Published>> manifests = List.of(List.of(a1, b1), List.of(a2), List.of(a1), List.of(a2, b1));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        LOG.info("crash torture seed {}", seed);

        for (int round = 0; round < ROUNDS; round++) {
            List<Published> desired = manifests.get(round % manifests.size());
            host.manifest(Shelf.manifest(desired.stream().map(Published::entry).toArray(String[]::new)));
            String unit = "torture-" + round;
            host.startBerth(unit, "apply");
            long killAfter = 300L + random.nextInt(4000);
            Thread.sleep(killAfter);
            host.container.exec("systemctl", "kill", "--signal=SIGKILL", unit + ".service");

            CommandResult recovery = host.apply();

            String what = "round " + round + " (seed " + seed + ", killed after " + killAfter + " ms)";
            assertThat(recovery.exitCode())
                    .as(what + ": " + recovery.describe())
                    .isZero();
            assertAgrees(what, desired);
        }
    }

    private void assertAgrees(String what, List<Published> desired) throws Exception {
        TreeSet<String> names = new TreeSet<>();
        TreeSet<String> files = new TreeSet<>();
        for (Published image : desired) {
            names.add(image.name());
            files.add(image.fileName());
            String unit = image.name().equals("web") ? "web.socket" : image.name() + ".service";
            assertThat(host.active(unit)).as(what + ": " + unit + " active").isTrue();
            if (unit.endsWith(".service")) {
                assertThat(host.property(unit, "RootImage"))
                        .as(what + ": " + unit + " runs the desired version")
                        .isEqualTo(BerthHost.POOL + "/" + image.fileName());
            }
        }
        assertThat(new TreeSet<>(host.pool()))
                .as(what + ": the pool holds exactly the desired files")
                .isEqualTo(files);
        List<String> attached = new ArrayList<>();
        for (String line : host.portablectlList().lines().toList()) {
            attached.add(line.split("\\s+", -1)[0]);
        }
        assertThat(attached)
                .as(what + ": portabled lists the desired images (it names every version of an attached name)")
                .allMatch(name -> names.contains(name.split("_", -1)[0]));
        assertThat(attached.stream().map(name -> name.split("_", -1)[0]))
                .as(what + ": every desired image is attached")
                .containsAll(names);
        JsonNode inventory = JSON.readTree(host.inventory());
        TreeSet<String> owned = new TreeSet<>();
        inventory.path("images").fieldNames().forEachRemaining(owned::add);
        assertThat(owned)
                .as(what + ": the inventory owns exactly the desired images")
                .isEqualTo(names);
        inventory
                .path("images")
                .forEach(image -> assertThat(image.path("phase").asText())
                        .as(what + ": settled")
                        .isEqualTo("ATTACHED"));
        TreeSet<String> known = new TreeSet<>();
        inventory
                .path("files")
                .fieldNames()
                .forEachRemaining(p -> known.add(Path.of(p).getFileName().toString()));
        assertThat(known)
                .as(what + ": the inventory knows exactly the desired files")
                .isEqualTo(files);
        try (var state = Files.list(host.container.hostPath("/var/lib/berth"))) {
            assertThat(state.map(p -> p.getFileName().toString()))
                    .as(what + ": no temporary state file is left")
                    .noneMatch(n -> n.startsWith(".#"));
        }
    }
}

package dev.berth.agent.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.agent.FixedMachine;
import dev.berth.agent.config.HostSettings;
import dev.berth.agent.config.Settings;
import dev.berth.agent.config.SettingsFile;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.fleet.HostIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineFilesTest {
    private static final String ID = "4f1c0ab5e6d74c2d9b0e8a7f6c5d4e3b";

    @TempDir
    Path dir;

    private MachineFiles machine(String hostname, String machineId) throws IOException {
        return new MachineFiles(
                Files.writeString(dir.resolve("hostname"), hostname),
                Files.writeString(dir.resolve("machine-id"), machineId));
    }

    private static BerthException failure(Runnable read) {
        BerthException e = catchThrowableOfType(BerthException.class, read::run);
        assertThat(e).as("reading should fail").isNotNull();
        return e;
    }

    @Test
    void theHostnameAndMachineIdAreReadWithoutTheirNewline() throws IOException {
        MachineFiles machine = machine("web-1\n", ID + "\n");

        assertThat(machine.hostname()).isEqualTo("web-1");
        assertThat(machine.machineId()).isEqualTo(ID);
    }

    @Test
    void aMissingMachineIdIsAnErrorNamingTheFileAndWhatToDo() {
        MachineFiles machine = new MachineFiles(dir.resolve("hostname"), dir.resolve("machine-id"));

        BerthException e = failure(machine::machineId);

        assertThat(e.reason()).isEqualTo(Reason.ManifestInvalid);
        assertThat(e.getMessage())
                .isEqualTo("cannot read the machine-id from " + dir.resolve("machine-id")
                        + ": no such file; create one with systemd-machine-id-setup");
    }

    @Test
    void aMalformedMachineIdIsRefusedWhateverIsWrongWithIt() throws IOException {
        for (String bad : new String[] {
            "uninitialized\n", ID.toUpperCase(Locale.ROOT), ID.substring(1), ID + "0", ID + "\n\n", "", " " + ID
        }) {
            MachineFiles machine = machine("web-1", bad);

            assertThat(failure(machine::machineId).getMessage())
                    .as("machine-id %s", bad)
                    .isEqualTo(dir.resolve("machine-id") + " does not hold a machine-id (32 lowercase hexadecimal"
                            + " digits on one line); Berth places the host in rollout waves by it: create one with"
                            + " systemd-machine-id-setup");
        }
    }

    @Test
    void aHostnameSelectorsCannotMatchAsksForHostName() throws IOException {
        MachineFiles machine = machine("web 1\n", ID);

        assertThat(failure(machine::hostname).getMessage())
                .startsWith("the hostname in " + dir.resolve("hostname") + " cannot be matched")
                .endsWith("; set host.name in the agent configuration");
    }

    @Test
    void theConfiguredNameWinsOverTheHostnameWhichIsThenNotEvenRead() {
        Settings named = SettingsFile.parse(
                "apiVersion: berth.dev/v1\nkind: AgentConfig\nhost: {name: edge-fra1, labels: {role: edge}}\n",
                Path.of("agent.yaml"));
        MachineFiles noHostname = new MachineFiles(dir.resolve("missing"), dir.resolve("machine-id"));

        assertThat(Assembly.identity(named, new FixedMachine("ignored", ID)))
                .isEqualTo(new HostIdentity("edge-fra1", Map.of("role", "edge"), ID));
        assertThat(Assembly.identity(Settings.defaults(), new FixedMachine("web-7", ID)))
                .isEqualTo(new HostIdentity("web-7", Map.of(), ID));
        assertThat(failure(() -> Assembly.identity(named, noHostname)).getMessage())
                .as("the machine-id is still needed")
                .contains(dir.resolve("machine-id").toString());
        assertThat(named.host()).isEqualTo(new HostSettings(Optional.of("edge-fra1"), Map.of("role", "edge")));
    }
}

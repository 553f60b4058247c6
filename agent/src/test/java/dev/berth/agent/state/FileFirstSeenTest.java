package dev.berth.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.reconciler.fake.FirstSeenContract;
import dev.berth.reconciler.port.FirstSeen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFirstSeenTest extends FirstSeenContract {
    @TempDir
    Path stateDir;

    @Override
    protected FirstSeen firstSeen() {
        return FileFirstSeen.recording(stateDir);
    }

    @Override
    protected FirstSeen reopened() {
        return FileFirstSeen.recording(stateDir);
    }

    private Path file() {
        return stateDir.resolve("rollouts.json");
    }

    @Test
    void theFileIsRootsAloneAndCarriesItsSchemaVersion() throws IOException {
        firstSeen().seen(Map.of("web", "2.0"), T0);

        assertThat(Files.readString(file()))
                .contains("\"schemaVersion\" : 1")
                .contains("\"firstSeen\" : \"2026-12-03T09:00:00Z\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
                .isEqualTo("rw-------");
    }

    @Test
    void aProcessThatChangesNothingRecordsNothing() {
        FileFirstSeen.readOnly(stateDir).seen(Map.of("web", "2.0"), T0);
        assertThat(file()).doesNotExist();

        firstSeen().seen(Map.of("web", "2.0"), T0);
        assertThat(FileFirstSeen.readOnly(stateDir).seen(Map.of("web", "3.0"), T0.plus(Duration.ofHours(1))))
                .isEqualTo(Map.of("web", T0.plus(Duration.ofHours(1))));
        assertThat(reopened().seen(Map.of("web", "2.0"), T0.plus(Duration.ofHours(2))))
                .as("the read-only look forgot nothing")
                .isEqualTo(Map.of("web", T0));
    }

    @Test
    void aLinkAtTheNameIsNeitherReadNorWrittenThrough() throws IOException {
        Path elsewhere = Files.writeString(stateDir.resolve("elsewhere"), "keep me");
        Files.createSymbolicLink(file(), elsewhere);

        assertThatThrownBy(() -> firstSeen().seen(Map.of("web", "2.0"), T0))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(elsewhere)).isEqualTo("keep me");
    }

    @Test
    void aGarbledFileStopsThePassWithWhatToDo() throws IOException {
        Files.writeString(file(), "{\"schemaVersion\": 1, \"sightings\": [{\"image\": \"web\"}]}");

        assertThatThrownBy(() -> firstSeen().seen(Map.of("web", "2.0"), T0))
                .isInstanceOfSatisfying(
                        BerthException.class, e -> assertThat(e.reason()).isEqualTo(Reason.StateUnavailable))
                .hasMessageContaining(file().toString())
                .hasMessageContaining("delete it to start those rollouts' clocks again from now");
        assertThat(Files.isRegularFile(file(), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void aFileFromANewerBerthIsNotOverwritten() throws IOException {
        String newer = "{\"schemaVersion\": 2, \"sightings\": []}";
        Files.writeString(file(), newer);

        assertThatThrownBy(() -> firstSeen().seen(Map.of("web", "2.0"), T0))
                .hasMessageContaining("written by a newer Berth");
        assertThat(Files.readString(file())).isEqualTo(newer);
    }
}

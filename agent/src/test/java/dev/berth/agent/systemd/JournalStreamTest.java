package dev.berth.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalStreamTest {
    @Test
    void theVariableNamesDeviceAndInodeInDecimal() {
        assertThat(JournalStream.matches("64768:1234", 64768, 1234)).isTrue();
        assertThat(JournalStream.matches("64768:1234", 64768, 1235)).isFalse();
        assertThat(JournalStream.matches("64769:1234", 64768, 1234)).isFalse();
    }

    @Test
    void aMalformedVariableMatchesNothing() {
        assertThat(JournalStream.matches("64768", 64768, 0)).isFalse();
        assertThat(JournalStream.matches("a:b", 0, 0)).isFalse();
        assertThat(JournalStream.matches(":", 0, 0)).isFalse();
    }

    @Test
    void withoutTheVariableStandardErrorIsNotTheJournal() {
        assertThat(JournalStream.stderrIsJournal(Map.of())).isFalse();
    }

    @Test
    void theVariableCountsOnlyWhenItNamesTheRealStandardError() throws Exception {
        Path stderr = Path.of("/proc/self/fd/2");
        long dev = ((Number) Files.getAttribute(stderr, "unix:dev")).longValue();
        long ino = ((Number) Files.getAttribute(stderr, "unix:ino")).longValue();

        assertThat(JournalStream.stderrIsJournal(Map.of("JOURNAL_STREAM", dev + ":" + ino)))
                .isTrue();
        assertThat(JournalStream.stderrIsJournal(Map.of("JOURNAL_STREAM", dev + ":" + (ino + 1))))
                .as("inherited from a parent whose standard error was the journal")
                .isFalse();
    }
}

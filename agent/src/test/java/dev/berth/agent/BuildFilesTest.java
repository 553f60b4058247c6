package dev.berth.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildFilesTest {
    @Test
    void aSourceTreeWithoutGitIsBuiltAsCommitUnknown(@TempDir Path tarball) throws InterruptedException {
        assertThat(BuildFiles.commit(tarball)).isEqualTo("unknown");
        assertThat(BuildFiles.date(tarball)).matches("\\d{4}-\\d{2}-\\d{2}");
    }
}

package dev.berth.fetchers.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {
    @TempDir
    Path tmp;

    @Test
    void aFileSecretIsReadFreshEachTimeWithoutItsLineBreak() throws Exception {
        Path file = Files.writeString(tmp.resolve("token"), "first\n");
        Secret secret = Secret.fromFile(file);
        assertThat(secret.reveal()).isEqualTo("first");

        Files.writeString(file, "rotated\n");

        assertThat(secret.reveal()).isEqualTo("rotated");
        assertThat(secret.toString()).isEqualTo("file " + file).doesNotContain("rotated");
    }

    @Test
    void anUnsetVariableIsNamedInTheFailure() {
        Secret secret = Secret.fromEnvironment("BERTH_TEST_SURELY_UNSET_VARIABLE");

        BerthException e = catchThrowableOfType(BerthException.class, secret::reveal);

        assertThat(e.reason()).isEqualTo(Reason.SourceUnavailable);
        assertThat(e.getMessage()).contains("BERTH_TEST_SURELY_UNSET_VARIABLE").contains("is not set");
    }

    @Test
    void anEmptyFileIsRefusedRatherThanSentAsAnEmptyPassword() throws Exception {
        Path file = Files.writeString(tmp.resolve("token"), "\n");

        BerthException e = catchThrowableOfType(
                BerthException.class, () -> Secret.fromFile(file).reveal());

        assertThat(e.getMessage()).contains("file " + file).contains("is empty");
    }
}

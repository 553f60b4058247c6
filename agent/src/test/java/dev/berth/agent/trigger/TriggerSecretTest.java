package dev.berth.agent.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Like sshd with a private key: the agent refuses to start on a secret others could read or change. */
class TriggerSecretTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    @Test
    void theSecretIsTheFileWithoutItsTrailingLineBreak() throws Exception {
        for (String ending : new String[] {"", "\n", "\r\n", "\n\n"}) {
            TriggerSecret secret = TriggerSecret.read(secretFile(SECRET + ending, "rw-------"));

            assertThat(HexFormat.of().formatHex(secret.mac().doFinal("{}".getBytes(StandardCharsets.UTF_8))))
                    .as(
                            "the secret read from a file ending in %s",
                            ending.replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(Signing.hex(SECRET, "{}".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aFileOnlyItsOwnerMayReadIsAccepted() throws Exception {
        assertThat(TriggerSecret.read(secretFile(SECRET, "r--------")).toString())
                .as("what a message may say of it")
                .isEqualTo("the secret in " + tmp.resolve("trigger.secret"))
                .doesNotContain(SECRET);
    }

    @Test
    void aFileWithoutAnyPermissionIsRootsAlone() throws Exception {
        assumeTrue(new UnixSystem().getUid() == 0, "only root reads a file of mode 0000");

        assertThat(TriggerSecret.read(secretFile(SECRET, "---------"))).isNotNull();
    }

    @Test
    void aFileOthersOrTheGroupCouldReadOrChangeIsRefused() throws Exception {
        for (String mode :
                new String[] {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rw-----w-", "rw------x"}) {
            Path file = secretFile(SECRET, mode);

            assertThat(refusal(file))
                    .as(mode)
                    .contains("is open to group or others (" + mode + ")")
                    .contains("chmod 0600 " + file);
        }
    }

    @Test
    void aSymbolicLinkIsNotFollowedEvenToAGoodFile() throws Exception {
        Path good = secretFile(SECRET, "rw-------");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), good);

        assertThat(refusal(link)).contains("is a symbolic link");
    }

    @Test
    void aDirectoryIsRefused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

        assertThat(refusal(dir)).contains("is not a regular file");
    }

    @Test
    void aFileOwnedBySomeoneElseIsRefused() throws Exception {
        assumeTrue(new UnixSystem().getUid() == 0, "only root can give a file away");
        Path file = secretFile(SECRET, "rw-------");
        Files.setAttribute(file, "unix:uid", 65534);

        assertThat(refusal(file)).contains("is owned by uid 65534, not by root").contains("chown root " + file);
    }

    @Test
    void aFileOfRootIsAcceptedByAnAgentRunningAsAnotherUser() throws Exception {
        Path file = secretFile(SECRET, "rw-------");
        int owner = (Integer) Files.getAttribute(file, "unix:uid");
        assumeTrue(owner == 0, "the test's files belong to root");

        assertThat(TriggerSecret.read(file, 4242)).isNotNull();
    }

    @Test
    void anEmptySecretIsRefused() throws Exception {
        assertThat(refusal(secretFile("\n", "rw-------"))).contains("is empty").contains("openssl rand -hex 32");
    }

    @Test
    void aSecretTooShortToResistGuessingIsRefused() throws Exception {
        assertThat(refusal(secretFile("hunter2\n", "rw-------")))
                .contains("holds a secret of 7 bytes; at least 16 are needed")
                .doesNotContain("hunter2");
    }

    @Test
    void aFileFarLargerThanASecretIsRefused() throws Exception {
        assertThat(refusal(secretFile("x".repeat(TriggerSecret.MAX_BYTES + 1), "rw-------")))
                .contains("is longer than 4096 bytes");
    }

    @Test
    void aMissingFileSaysHowToMakeOne() {
        Path missing = tmp.resolve("nothing");

        BerthException e = catchThrowableOfType(BerthException.class, () -> TriggerSecret.read(missing));

        assertThat(e.reason()).isEqualTo(Reason.ManifestInvalid);
        assertThat(e.getMessage())
                .isEqualTo(
                        "the trigger's secret file " + missing + " does not exist: create it (openssl rand -hex 32 > "
                                + missing + " && chmod 0600 " + missing
                                + ") or remove trigger.secretFile from the agent's configuration");
    }

    private Path secretFile(String content, String mode) throws Exception {
        Path file = tmp.resolve("trigger.secret");
        Files.deleteIfExists(file);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static String refusal(Path file) {
        BerthException e = catchThrowableOfType(BerthException.class, () -> TriggerSecret.read(file));
        assertThat(e).as("reading %s should be refused", file).isNotNull();
        assertThat(e.getMessage()).doesNotContain(SECRET);
        return e.getMessage();
    }
}

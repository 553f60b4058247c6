package dev.berth.fetchers.sums;

import static dev.berth.fetchers.sums.Release.FILE;
import static dev.berth.fetchers.sums.Release.IMAGE;
import static dev.berth.fetchers.sums.Release.SHA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.berth.fetchers.TricklingServer;
import dev.berth.fetchers.pgp.TestKey;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SHA256SUMS is held to the same speed floor as an image: a server that trickles it is given up on. */
class SumsSpeedFloorTest {
    @TempDir
    Path tmp;

    @Test
    void aListTrickledOneByteJustBeforeEachReadTimeoutFailsAsTooSlow() throws Exception {
        Path trusted = TestKey.writeTrusted(tmp.resolve("trusted.asc"), Keys.RELEASE);
        try (TricklingServer server = TricklingServer.body(Release.sums(SHA), 1, Duration.ofMillis(800));
                SignedSumsResolver resolver = Release.resolver(
                        trusted,
                        Release.policy()
                                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1))
                                .withLowSpeed(1024, Duration.ofSeconds(2)))) {
            BerthException e = assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () -> catchThrowableOfType(
                            BerthException.class, () -> resolver.sha256(server.uri("/rel/SHA256SUMS"), FILE, IMAGE)));

            assertThat(e.reason()).isEqualTo(Reason.FetchFailed);
            assertThat(e.getMessage())
                    .contains(
                            "cannot fetch SHA256SUMS",
                            "slower than 1 KiB/s for 2 s (received ",
                            "while reading the body");
        }
    }
}

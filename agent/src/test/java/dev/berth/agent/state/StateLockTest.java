package dev.berth.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.Command;
import dev.berth.testkit.CommandResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLockTest {
    @TempDir
    Path state;

    @Test
    void aSecondProcessIsRefusedWhileTheFirstHoldsTheLockAndAdmittedAfter() {
        try (StateLock held = StateLock.acquire(state, "berth agent")) {
            CommandResult second = other();

            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.stderr())
                    .contains("another Berth is already managing this host: berth agent (pid "
                            + ProcessHandle.current().pid() + ") holds " + state.resolve("lock"));
        }
        assertThat(other().exitCode()).isZero();
    }

    /** Another JVM trying to take the lock: flock only excludes other processes, as two agents would be. */
    private CommandResult other() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return Command.of(
                        java, "-cp", System.getProperty("java.class.path"), LockMain.class.getName(), state.toString())
                .withTimeout(Duration.ofSeconds(60))
                .run();
    }

    /** Takes the lock in a second process and says how it went. */
    public static final class LockMain {
        public static void main(String[] args) {
            try (StateLock lock = StateLock.acquire(Path.of(args[0]), "berth apply")) {
                System.exit(0);
            } catch (dev.berth.model.BerthException e) {
                System.err.println(e.getMessage());
                System.exit(1);
            }
        }
    }
}

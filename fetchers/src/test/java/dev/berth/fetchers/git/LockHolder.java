package dev.berth.fetchers.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process that holds the lock of a git cache, as a second berth would: a JVM of its own, which takes the
 * lock, says "locked" and keeps it until its standard input closes.
 */
final class LockHolder implements AutoCloseable {
    private final Process process;

    private LockHolder(Process process) {
        this.process = process;
    }

    static LockHolder start(Path lockFile) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                lockFile.toString()));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String line = new String(process.getInputStream().readNBytes("locked\n".length()), StandardCharsets.UTF_8);
        if (!line.equals("locked\n")) {
            process.destroyForcibly();
            throw new IOException("the lock holder did not take the lock: " + line);
        }
        return new LockHolder(process);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws IOException {
        CacheLock lock = new CacheLock(Path.of(args[0]), Duration.ofSeconds(30), Clock.systemUTC());
        try (CacheLock.Held held = lock.acquire()) {
            System.out.print("locked\n");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the test closes our input
            }
        }
    }
}

package dev.berth.agent.health;

import dev.berth.reconciler.port.UnitLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The last lines a unit logged, from journalctl, to say in a health failure why the unit failed. */
public final class JournalTail implements UnitLogs {
    @Override
    public List<String> tail(String unit, int lines) {
        try {
            Process process = new ProcessBuilder(
                            "journalctl",
                            "--unit",
                            unit,
                            "--lines",
                            Integer.toString(lines),
                            "--no-pager",
                            "--output",
                            "cat",
                            "--quiet")
                    .redirectErrorStream(true)
                    .start();
            byte[] out = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return List.of();
            }
            return process.exitValue() == 0
                    ? new String(out, StandardCharsets.UTF_8)
                            .lines()
                            .filter(l -> !l.isBlank())
                            .toList()
                    : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}

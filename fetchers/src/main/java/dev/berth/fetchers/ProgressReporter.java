package dev.berth.fetchers;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows download progress to a person: a one-line bar redrawn in place on an interactive terminal, otherwise a
 * log line every few seconds (a journal full of carriage returns helps nobody).
 */
public final class ProgressReporter implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
    private static final int BAR_WIDTH = 24;

    private final Consumer<String> out;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private String label = "";
    private long total = -1;
    private long startDone;
    private long startNanos;
    private long lastNanos;
    private long done;

    ProgressReporter(Consumer<String> out, boolean terminal, LongSupplier nanoTime, Duration interval) {
        this.out = out;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
    }

    /** A bar on the console when there is one, else a log line every 5 seconds. */
    public static ProgressListener forThisProcess() {
        Optional<Console> console = terminal();
        if (console.isPresent()) {
            PrintWriter w = console.get().writer();
            return new ProgressReporter(
                    s -> {
                        w.print(s);
                        w.flush();
                    },
                    true,
                    System::nanoTime,
                    Duration.ofMillis(200));
        }
        return new ProgressReporter(LOG::info, false, System::nanoTime, Duration.ofSeconds(5));
    }

    /**
     * The console, when it is an interactive terminal. Before JDK 22 {@code System.console()} is null otherwise;
     * from 22 on it is not, and {@code Console.isTerminal()} (asked by reflection: Berth is built for 17) tells.
     */
    @SuppressWarnings("SystemConsoleNull") // the null check is the answer before JDK 22; isTerminal() after it
    private static Optional<Console> terminal() {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        if (Runtime.version().feature() < 22) {
            return Optional.of(console);
        }
        try {
            return Boolean.TRUE.equals(Console.class.getMethod("isTerminal").invoke(console))
                    ? Optional.of(console)
                    : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void started(String label, long done, long total) {
        this.label = label;
        this.total = total;
        this.done = done;
        this.startDone = done;
        this.startNanos = nanoTime.getAsLong();
        this.lastNanos = startNanos;
    }

    @Override
    public void advanced(long done) {
        this.done = done;
        long now = nanoTime.getAsLong();
        if (now - lastNanos >= intervalNanos) {
            lastNanos = now;
            emit(now);
        }
    }

    @Override
    public void ended(long done, boolean complete) {
        this.done = done;
        if (terminal) {
            emit(nanoTime.getAsLong());
            out.accept(System.lineSeparator());
        } else if (complete) {
            out.accept(ProgressLine.log(label, done, total, rate(nanoTime.getAsLong())) + ", done");
        }
    }

    private void emit(long now) {
        double rate = rate(now);
        if (terminal) {
            out.accept("\r" + ProgressLine.bar(label, done, total, rate, BAR_WIDTH) + "\u001b[K");
        } else {
            out.accept(ProgressLine.log(label, done, total, rate));
        }
    }

    private double rate(long now) {
        long elapsed = now - startNanos;
        return elapsed <= 0 ? 0 : (done - startDone) * 1e9 / elapsed;
    }
}

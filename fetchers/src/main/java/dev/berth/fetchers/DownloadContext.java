package dev.berth.fetchers;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * What a download takes from the world around it, injected so tests control it: the environment (for proxy
 * variables), how to wait, the clock (for Retry-After dates and the speed floor), randomness for jitter, where progress goes, extra
 * TLS trust, and how free space is measured.
 */
public record DownloadContext(
        Map<String, String> environment,
        Sleeper sleeper,
        Clock clock,
        DoubleSupplier random,
        ProgressListener progress,
        Optional<TlsTrust> tls,
        FreeSpace freeSpace) {

    public DownloadContext {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(freeSpace, "freeSpace");
    }

    /** The real process: its environment, real sleeping, the system clock, progress on the console or the log. */
    public static DownloadContext system() {
        return new DownloadContext(
                System.getenv(),
                Sleeper.real(),
                Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble(),
                ProgressReporter.forThisProcess(),
                Optional.empty(),
                FreeSpace.fileStore());
    }

    public DownloadContext withEnvironment(Map<String, String> env) {
        return new DownloadContext(env, sleeper, clock, random, progress, tls, freeSpace);
    }

    public DownloadContext withSleeper(Sleeper s) {
        return new DownloadContext(environment, s, clock, random, progress, tls, freeSpace);
    }

    public DownloadContext withClock(Clock c) {
        return new DownloadContext(environment, sleeper, c, random, progress, tls, freeSpace);
    }

    public DownloadContext withRandom(DoubleSupplier r) {
        return new DownloadContext(environment, sleeper, clock, r, progress, tls, freeSpace);
    }

    public DownloadContext withProgress(ProgressListener p) {
        return new DownloadContext(environment, sleeper, clock, random, p, tls, freeSpace);
    }

    public DownloadContext withTls(TlsTrust t) {
        return new DownloadContext(environment, sleeper, clock, random, progress, Optional.of(t), freeSpace);
    }

    public DownloadContext withFreeSpace(FreeSpace f) {
        return new DownloadContext(environment, sleeper, clock, random, progress, tls, f);
    }
}

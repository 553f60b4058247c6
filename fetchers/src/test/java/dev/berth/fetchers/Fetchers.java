package dev.berth.fetchers;

import dev.berth.model.LocalPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Fetchers for tests: short timeouts, http allowed, no free-space floor, no real waiting, a fixed clock. */
final class Fetchers {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private Fetchers() {}

    static DownloadPolicy policy() {
        return DownloadPolicy.defaults()
                .withLimits(LocalPolicy.permissive(true))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .withMinFreeSpace(FreeSpaceFloor.bytes(0));
    }

    /** A host that allows plain http and images up to {@code bytes}. */
    static LocalPolicy maxImageBytes(long bytes) {
        return new LocalPolicy(Set.of(), List.of(), bytes, true);
    }

    /** A fixed clock: Retry-After dates are exact, and the speed floor never sees time pass. */
    static DownloadContext context(RecordingSleeper sleeper) {
        return new DownloadContext(
                Map.of(),
                sleeper,
                Clock.fixed(NOW, ZoneOffset.UTC),
                () -> 0.5,
                ProgressListener.NONE,
                Optional.empty(),
                FreeSpace.fileStore());
    }

    static UrlImageFetcher fetcher(Path pool, DownloadPolicy policy, DownloadContext context) {
        return new UrlImageFetcher(pool, policy, context);
    }
}

package dev.berth.fetchers;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** Fetchers for tests: short timeouts, http allowed, no free-space margin, no real waiting, a fixed clock. */
final class Fetchers {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private Fetchers() {}

    static DownloadPolicy policy() {
        return DownloadPolicy.defaults()
                .withAllowHttp(true)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .withFreeSpaceMargin(0);
    }

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

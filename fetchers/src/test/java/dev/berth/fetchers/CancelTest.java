package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Reply;
import dev.berth.testkit.http.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stopping agent drops its download at once; the partial stays for the next run to resume. */
class CancelTest {
    @TempDir
    Path pool;

    private final MisbehavingHttpServer server = MisbehavingHttpServer.start();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        later.shutdownNow();
        server.close();
    }

    @Test
    void cancellingDropsAStalledBodyAtOnceAndKeepsThePartial() throws Exception {
        byte[] image = Images.bytes(3_000_000, 7);
        server.put("/img.raw", Resource.of(image));
        server.enqueue("/img.raw", Reply.stallAfter(2_500_000, Duration.ofSeconds(60)));
        UrlImageFetcher fetcher = Fetchers.fetcher(
                pool,
                Fetchers.policy().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                DownloadContext.system());
        ScheduledFuture<?> cancel = later.schedule(fetcher::cancelAll, 1, TimeUnit.SECONDS);
        Instant start = Instant.now();

        BerthException e = catchThrowableOfType(
                BerthException.class,
                () -> fetcher.fetch(Images.spec(server.uri("/img.raw"), Images.sha256(image)), Images.TARGET));

        cancel.get(5, TimeUnit.SECONDS); // the stop came from cancelAll, which finished without failing
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(e.reason()).isEqualTo(Reason.FetchFailed);
        assertThat(e.getMessage()).contains("stopped: Berth is shutting down").contains("resumed");
        assertThat(Files.exists(pool.resolve(Images.PARTIAL))).isTrue();
        assertThat(Files.exists(pool.resolve(Images.TARGET))).isFalse();
        assertThat(server.requests("/img.raw")).hasSize(1);
        fetcher.close();
    }
}

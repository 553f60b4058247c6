package dev.berth.agent.wiring;

import dev.berth.fetchers.UrlImageFetcher;
import dev.berth.reconciler.port.Download;
import dev.berth.reconciler.port.FetchedFile;
import dev.berth.reconciler.port.ImageFetcher;
import java.util.function.Supplier;

/**
 * The downloads, whose HTTP client is built on the first download. A stop cancels what runs, and a client built after
 * the stop is cancelled at once: no new attempt starts afterwards, as with a client built at start.
 */
final class LazyFetcher implements ImageFetcher {
    private final Lazy<UrlImageFetcher> fetcher;
    private volatile boolean cancelled;

    LazyFetcher(Supplier<UrlImageFetcher> build) {
        this.fetcher = new Lazy<>(
                () -> {
                    UrlImageFetcher built = build.get();
                    if (cancelled) {
                        built.cancelAll();
                    }
                    return built;
                },
                UrlImageFetcher::close);
    }

    @Override
    public FetchedFile fetch(Download download, String target) {
        return fetcher.get().fetch(download, target);
    }

    /** Drops every download under way, and every one asked for later. */
    void cancelAll() {
        cancelled = true;
        fetcher.ifBuilt(UrlImageFetcher::cancelAll);
    }

    void close() {
        fetcher.close();
    }
}

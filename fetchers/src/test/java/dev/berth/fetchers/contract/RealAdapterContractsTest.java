package dev.berth.fetchers.contract;

import dev.berth.fetchers.DownloadContext;
import dev.berth.fetchers.DownloadPolicy;
import dev.berth.fetchers.LocalImagePool;
import dev.berth.fetchers.UrlImageFetcher;
import dev.berth.model.LocalPolicy;
import dev.berth.reconciler.fake.ImageFetcherContract;
import dev.berth.reconciler.fake.ImagePoolContract;
import dev.berth.reconciler.port.ImageFetcher;
import dev.berth.reconciler.port.ImagePool;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The real pool directory and the real downloader, held to the same contracts as the reconciler's fakes. */
class RealAdapterContractsTest {
    @TempDir
    Path pool;

    @Nested
    class Pool extends ImagePoolContract {
        private Instant mtime = Instant.parse("2026-11-01T00:00:00Z");

        @Override
        protected ImagePool pool() {
            return new LocalImagePool(pool);
        }

        @Override
        protected void put(String fileName, byte[] content) {
            try {
                Path file = Files.write(pool.resolve(fileName), content);
                mtime = mtime.plusSeconds(1);
                Files.setLastModifiedTime(file, FileTime.from(mtime));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Nested
    class OverHttp extends ImageFetcherContract {
        private final MisbehavingHttpServer server = MisbehavingHttpServer.start();
        private UrlImageFetcher fetcher;

        @AfterEach
        void stop() {
            if (fetcher != null) {
                fetcher.close();
            }
            server.close();
        }

        @Override
        protected ImageFetcher fetcher() {
            if (fetcher == null) {
                fetcher = new UrlImageFetcher(
                        pool,
                        DownloadPolicy.defaults()
                                .withLimits(LocalPolicy.permissive(true))
                                .withMaxAttempts(1),
                        DownloadContext.system());
            }
            return fetcher;
        }

        @Override
        protected URI serve(String name, byte[] content) {
            server.put("/" + name, Resource.of(content));
            return server.uri("/" + name);
        }

        @Override
        protected URI missing(String name) {
            return server.uri("/missing/" + name);
        }

        @Override
        protected String target(String fileName) {
            return pool.resolve(fileName).toString();
        }

        @Override
        protected List<String> poolFileNames() {
            return RealAdapterContractsTest.this.names();
        }

        @Override
        protected byte[] read(String path) {
            return RealAdapterContractsTest.read(path);
        }
    }

    @Nested
    class FromFiles extends ImageFetcherContract {
        @TempDir
        Path served;

        private UrlImageFetcher fetcher;

        @AfterEach
        void stop() {
            if (fetcher != null) {
                fetcher.close();
            }
        }

        @Override
        protected ImageFetcher fetcher() {
            if (fetcher == null) {
                fetcher = new UrlImageFetcher(pool, DownloadPolicy.defaults(), DownloadContext.system());
            }
            return fetcher;
        }

        @Override
        protected URI serve(String name, byte[] content) {
            try {
                return Files.write(served.resolve(name), content).toUri();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected URI missing(String name) {
            return served.resolve("missing-" + name).toUri();
        }

        @Override
        protected String target(String fileName) {
            return pool.resolve(fileName).toString();
        }

        @Override
        protected List<String> poolFileNames() {
            return RealAdapterContractsTest.this.names();
        }

        @Override
        protected byte[] read(String path) {
            return RealAdapterContractsTest.read(path);
        }
    }

    List<String> names() {
        try (Stream<Path> files = Files.list(pool)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

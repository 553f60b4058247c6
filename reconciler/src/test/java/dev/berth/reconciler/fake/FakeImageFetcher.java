package dev.berth.reconciler.fake;

import dev.berth.model.BerthException;
import dev.berth.model.Compression;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.host.PoolFile;
import dev.berth.reconciler.port.Download;
import dev.berth.reconciler.port.FetchedFile;
import dev.berth.reconciler.port.ImageFetcher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Serves bytes by URL into a {@link FakeImagePool}; held to {@link ImageFetcherContract}. */
public final class FakeImageFetcher implements ImageFetcher {
    private final FakeImagePool pool;
    private final Map<URI, byte[]> served = new HashMap<>();
    private final List<URI> fetched = new ArrayList<>();
    private BerthException failNext;

    public FakeImageFetcher(FakeImagePool pool) {
        this.pool = pool;
    }

    public void serve(URI url, byte[] content) {
        served.put(url, content.clone());
    }

    /** The next fetch fails with {@code e} without touching the pool, as a dead server would. */
    public void failNext(BerthException e) {
        failNext = e;
    }

    /** Every URL fetched so far. */
    public List<URI> fetched() {
        return List.copyOf(fetched);
    }

    @Override
    public FetchedFile fetch(Download spec, String target) {
        fetched.add(spec.url());
        if (failNext != null) {
            BerthException e = failNext;
            failNext = null;
            throw e;
        }
        byte[] content = served.get(spec.url());
        if (content == null) {
            throw new BerthException(
                    Reason.FetchRefused, "image " + spec.label() + ": " + spec.url() + " answered 404");
        }
        Sha256 actual = FakeImagePool.sha256(content);
        if (!actual.equals(spec.sha256())) {
            throw new BerthException(
                    Reason.VerificationFailed,
                    "image " + spec.label() + ": downloaded sha256 " + actual + " does not match " + spec.sha256());
        }
        pool.put(target, spec.compressed() ? decoded(spec, content) : content);
        PoolFile file = pool.list().stream()
                .filter(f -> f.path().equals(target))
                .findFirst()
                .orElseThrow();
        return new FetchedFile(target, actual, file.size(), file.modified());
    }

    /** {@code content} as a gzip file, as a publisher would compress it. */
    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The fake decodes gzip (the JDK's); the real fetcher's own tests cover xz and zstd. */
    private static byte[] decoded(Download spec, byte[] content) {
        if (spec.compression() != Compression.GZIP) {
            throw new UnsupportedOperationException("the fake fetcher decodes gzip only, not " + spec.compression());
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BerthException(
                    Reason.VerificationFailed,
                    "image " + spec.label() + ": the gzip file matches its sha256 but cannot be decompressed ("
                            + e.getMessage() + ")");
        }
    }
}

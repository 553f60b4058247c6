package dev.berth.fetchers;

import dev.berth.model.ImageSpec;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Origin;
import dev.berth.model.Sha256;
import dev.berth.reconciler.port.FetchedFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Berth side of bench/download.sh: fetches URL into POOL as bench_1.0.raw with the real fetcher (download,
 * streaming sha256, fsync, rename), prints "BYTES NANOS BODY_NANOS" (the fetch call alone, and the part of it
 * until the last body byte was written, so the rest is the final hash wait, fsync and rename), and deletes the
 * result.
 * Usage: DownloadBench URL SHA256 POOL [BUFFER_BYTES]
 */
public final class DownloadBench {
    private DownloadBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: DownloadBench URL SHA256 POOL [BUFFER_BYTES]");
            System.exit(2);
        }
        DownloadPolicy policy = DownloadPolicy.defaults()
                .withLimits(LocalPolicy.permissive(true))
                .withMinFreeSpace(FreeSpaceFloor.bytes(0));
        if (args.length > 3) {
            policy = policy.withBufferBytes(Integer.parseInt(args[3]));
        }
        ImageSpec spec = new ImageSpec(
                "bench",
                "1.0",
                URI.create(args[0]),
                new Sha256(args[1]),
                "default",
                List.of("bench"),
                false,
                false,
                false,
                Origin.UNKNOWN);
        Path pool = Path.of(args[2]);
        long[] bodyEnd = new long[1];
        ProgressListener endOfBody = new ProgressListener() {
            @Override
            public void started(String label, long done, long total) {}

            @Override
            public void advanced(long done) {}

            @Override
            public void ended(long done, boolean complete) {
                bodyEnd[0] = System.nanoTime();
            }
        };
        try (UrlImageFetcher fetcher =
                new UrlImageFetcher(pool, policy, DownloadContext.system().withProgress(endOfBody))) {
            long start = System.nanoTime();
            FetchedFile f = fetcher.fetch(spec, spec.fileName());
            long end = System.nanoTime();
            System.out.println(f.size() + " " + (end - start) + " " + (bodyEnd[0] - start));
            Files.delete(Path.of(f.path()));
        }
    }
}

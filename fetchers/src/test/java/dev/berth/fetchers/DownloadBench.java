package dev.berth.fetchers;

import dev.berth.model.ImageSpec;
import dev.berth.model.Origin;
import dev.berth.model.Sha256;
import dev.berth.reconciler.port.FetchedFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Berth side of bench/download.sh: fetches URL into POOL as bench_1.0.raw with the real fetcher (download,
 * streaming sha256, fsync, rename), prints "BYTES NANOS" for the fetch call alone, and deletes the result.
 * Usage: DownloadBench URL SHA256 POOL [BUFFER_BYTES]
 */
public final class DownloadBench {
    private DownloadBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: DownloadBench URL SHA256 POOL [BUFFER_BYTES]");
            System.exit(2);
        }
        DownloadPolicy policy = DownloadPolicy.defaults().withAllowHttp(true).withFreeSpaceMargin(0);
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
        try (UrlImageFetcher fetcher =
                new UrlImageFetcher(pool, policy, DownloadContext.system().withProgress(ProgressListener.NONE))) {
            long start = System.nanoTime();
            FetchedFile f = fetcher.fetch(spec, spec.fileName());
            long nanos = System.nanoTime() - start;
            System.out.println(f.size() + " " + nanos);
            Files.delete(Path.of(f.path()));
        }
    }
}

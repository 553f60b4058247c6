package dev.berth.fetchers;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.reconciler.port.Download;
import dev.berth.reconciler.port.FetchedFile;
import dev.berth.reconciler.port.ImageFetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches images from https, http (when allowed) and file URLs into the pool: a hidden partial hashed while
 * written, retried and resumed on transient failures (a transfer below the speed floor is one), synced and
 * renamed into place only when its sha256 matches. A failure leaves nothing at the target; only a partial that
 * can be resumed stays behind.
 */
public final class UrlImageFetcher implements ImageFetcher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UrlImageFetcher.class);

    private final Path pool;
    private final DownloadPolicy policy;
    private final DownloadContext context;
    private final RedirectingGet http;
    private final RetrySchedule schedule;

    /** @param pool the directory relative targets are resolved in */
    public UrlImageFetcher(Path pool, DownloadPolicy policy, DownloadContext context) {
        this.pool = pool.toAbsolutePath().normalize();
        this.policy = policy;
        this.context = context;
        this.http = new RedirectingGet(policy, context, "the sha256");
        this.schedule = RetrySchedule.of(policy);
    }

    @Override
    public FetchedFile fetch(Download spec, String target) {
        Path targetPath = pool.resolve(target).toAbsolutePath().normalize();
        if (targetPath.getFileName().toString().startsWith(".#")) {
            throw new IllegalArgumentException("a fetch target must not be a hidden partial name: " + target);
        }
        FetchJob job = new FetchJob(spec, targetPath, policy, context);
        String scheme = spec.url().getScheme().toLowerCase(Locale.ROOT);
        Transfer transfer;
        if (scheme.equals("file")) {
            transfer = new FileTransfer();
        } else {
            try {
                http.checkStart(spec.url());
            } catch (Refused r) {
                throw job.refused(r.detail(), r.advice());
            }
            transfer = new HttpTransfer(http);
        }
        PartialDownload partial = open(job);
        boolean keep = false;
        boolean committed = false;
        try {
            withRetries(job, transfer, partial);
            Sha256 actual = partial.sha256();
            if (!actual.equals(spec.sha256())) {
                throw job.verificationFailed(actual, partial.length());
            }
            long size = partial.length();
            Path done;
            if (spec.compressed()) {
                // Decoded only now: no byte a server sent reaches a decoder before the whole file's sha256 matched.
                long decoded = new Decompression(job).into(partial.bytes());
                done = job.target();
                partial.discard();
                committed = true;
                LOG.info(
                        "{}: fetched {} ({} decompressed from {} of {}), sha256 {}",
                        spec.label(),
                        done,
                        ByteSize.human(decoded),
                        ByteSize.human(size),
                        spec.compression().word(),
                        actual.shortHex());
                size = decoded;
            } else {
                done = commit(job, partial);
                committed = true;
                LOG.info("{}: fetched {} ({}), sha256 {}", spec.label(), done, ByteSize.human(size), actual.shortHex());
            }
            return new FetchedFile(
                    done.toString(),
                    actual,
                    size,
                    Files.getLastModifiedTime(done, LinkOption.NOFOLLOW_LINKS).toInstant());
        } catch (BerthException e) {
            keep = (e.reason() == Reason.FetchFailed || e.reason() == Reason.InsufficientSpace) && partial.resumable();
            throw e;
        } catch (PartialDownload.WriteFailure w) {
            keep = partial.resumable();
            throw writeFailed(job, partial, w.io());
        } catch (IOException e) {
            throw job.failed("cannot read the fetched file back (" + e.getMessage() + ")", "check the pool", e);
        } finally {
            if (!committed) {
                if (keep) {
                    partial.close();
                } else {
                    partial.discard();
                }
            }
        }
    }

    private PartialDownload open(FetchJob job) {
        try {
            return PartialDownload.open(
                            job.target(),
                            PartialMeta.unvalidated(
                                    job.spec().url().toString(), job.spec().sha256()),
                            policy.bufferBytes())
                    .orElseThrow(() -> job.failed(
                            "another download of this image into " + job.target() + " is in progress",
                            "wait for it to finish",
                            null));
        } catch (IOException | PartialDownload.WriteFailure e) {
            throw job.failed(
                    "cannot create a partial download next to " + job.target() + " (" + e.getMessage() + ")",
                    "check that the pool directory exists and is writable",
                    e);
        }
    }

    private void withRetries(FetchJob job, Transfer transfer, PartialDownload partial) {
        for (int attempt = 1; ; attempt++) {
            try {
                transfer.attempt(job, partial);
                return;
            } catch (TransientFailure f) {
                if (http.cancelled()) {
                    throw job.failed(
                            "stopped: Berth is shutting down",
                            "the partial download is kept and resumed" + " when Berth runs again",
                            f);
                }
                if (attempt >= policy.maxAttempts()) {
                    String kept = partial.resumable()
                            ? " The partial download (" + ByteSize.human(partial.length()) + ") is kept and resumed"
                            : " Nothing was kept";
                    throw job.failed(
                            "gave up after " + attempt + " attempts; the last: " + f.getMessage(),
                            "Berth tries again on its next pass." + kept + "; check the server and the network",
                            f);
                }
                Duration delay =
                        schedule.delay(attempt, f.retryAfter(), context.random().getAsDouble());
                LOG.warn(
                        "{}: attempt {} of {} failed: {}; retrying in {} ms",
                        job.spec().label(),
                        attempt,
                        policy.maxAttempts(),
                        f.getMessage(),
                        delay.toMillis());
                try {
                    context.sleeper().sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw job.failed("interrupted while waiting to retry", "the agent is stopping", e);
                }
            }
        }
    }

    private Path commit(FetchJob job, PartialDownload partial) {
        try {
            return partial.commit();
        } catch (IOException e) {
            if (isNoSpace(e)) {
                throw job.space().noSpace(0, partial.length(), e);
            }
            throw job.failed(
                    "cannot sync and rename the download into " + job.target() + " (" + e.getMessage() + ")",
                    "check the pool directory",
                    e);
        }
    }

    private static BerthException writeFailed(FetchJob job, PartialDownload partial, IOException e) {
        if (isNoSpace(e)) {
            return job.space().noSpace(partial.remaining(), partial.length(), e);
        }
        return job.failed(
                "cannot write " + partial.path() + " (" + e.getMessage() + ")",
                "check the pool directory and its disk",
                e);
    }

    static boolean isNoSpace(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("No space left") || m.contains("Disk quota exceeded");
    }

    /**
     * Drops every download under way at once, for a stopping agent: each fails with FetchFailed and keeps its
     * resumable partial. No new attempt starts afterwards.
     */
    public void cancelAll() {
        http.cancelAll();
    }

    @Override
    public void close() {
        http.close();
    }
}

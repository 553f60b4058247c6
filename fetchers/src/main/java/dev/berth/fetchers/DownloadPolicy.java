package dev.berth.fetchers;

import java.time.Duration;
import java.util.Objects;

/**
 * Every option of an image download, with defaults that suit a host on an ordinary network.
 *
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param readTimeout how long the body may stall before the attempt is abandoned and resumed
 * @param maxAttempts attempts per fetch, the first included; transient failures only
 * @param backoffBase the delay after the first failure, doubled after each further one
 * @param backoffCap the longest delay between attempts
 * @param retryAfterCap the longest server-requested delay (Retry-After) Berth honours
 * @param maxImageBytes the largest image accepted, announced or received
 * @param maxRedirects redirects followed per attempt
 * @param allowHttp whether plain http URLs are allowed (the CLI's --allow-http)
 * @param freeSpaceMargin bytes that must stay free in the pool beyond the download itself
 * @param bufferBytes the copy buffer; large buffers mean fewer system calls per gigabyte
 */
public record DownloadPolicy(
        Duration connectTimeout,
        Duration readTimeout,
        int maxAttempts,
        Duration backoffBase,
        Duration backoffCap,
        Duration retryAfterCap,
        long maxImageBytes,
        int maxRedirects,
        boolean allowHttp,
        long freeSpaceMargin,
        int bufferBytes) {

    public static final long GIB = 1024L * 1024 * 1024;

    public DownloadPolicy {
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffCap, "backoffCap");
        Objects.requireNonNull(retryAfterCap, "retryAfterCap");
        if (backoffBase.isNegative() || backoffCap.compareTo(backoffBase) < 0 || retryAfterCap.isNegative()) {
            throw new IllegalArgumentException("backoff needs 0 <= backoffBase <= backoffCap and retryAfterCap >= 0");
        }
        if (maxAttempts < 1 || maxImageBytes < 1 || maxRedirects < 0 || freeSpaceMargin < 0) {
            throw new IllegalArgumentException("maxAttempts and maxImageBytes must be positive, maxRedirects and "
                    + "freeSpaceMargin not negative");
        }
        if (bufferBytes < 4096) {
            throw new IllegalArgumentException("bufferBytes must be at least 4096, got " + bufferBytes);
        }
    }

    public static DownloadPolicy defaults() {
        return new DownloadPolicy(
                Duration.ofSeconds(15),
                Duration.ofSeconds(30),
                5,
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                8 * GIB,
                5,
                false,
                64L * 1024 * 1024,
                1024 * 1024);
    }

    public DownloadPolicy withAllowHttp(boolean allow) {
        return new DownloadPolicy(
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                maxImageBytes,
                maxRedirects,
                allow,
                freeSpaceMargin,
                bufferBytes);
    }

    public DownloadPolicy withTimeouts(Duration connect, Duration read) {
        return new DownloadPolicy(
                connect,
                read,
                maxAttempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                maxImageBytes,
                maxRedirects,
                allowHttp,
                freeSpaceMargin,
                bufferBytes);
    }

    public DownloadPolicy withMaxAttempts(int attempts) {
        return new DownloadPolicy(
                connectTimeout,
                readTimeout,
                attempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                maxImageBytes,
                maxRedirects,
                allowHttp,
                freeSpaceMargin,
                bufferBytes);
    }

    public DownloadPolicy withMaxImageBytes(long bytes) {
        return new DownloadPolicy(
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                bytes,
                maxRedirects,
                allowHttp,
                freeSpaceMargin,
                bufferBytes);
    }

    public DownloadPolicy withMaxRedirects(int redirects) {
        return new DownloadPolicy(
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                maxImageBytes,
                redirects,
                allowHttp,
                freeSpaceMargin,
                bufferBytes);
    }

    public DownloadPolicy withFreeSpaceMargin(long bytes) {
        return new DownloadPolicy(
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                maxImageBytes,
                maxRedirects,
                allowHttp,
                bytes,
                bufferBytes);
    }

    public DownloadPolicy withBufferBytes(int bytes) {
        return new DownloadPolicy(
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                maxImageBytes,
                maxRedirects,
                allowHttp,
                freeSpaceMargin,
                bytes);
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}

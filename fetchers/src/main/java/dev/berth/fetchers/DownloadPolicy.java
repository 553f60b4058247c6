package dev.berth.fetchers;

import dev.berth.model.LocalPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Every option of an image download, with defaults that suit a host on an ordinary network. What the host allows
 * (plain http, the largest image) comes from its {@link LocalPolicy}, so it has one home.
 *
 * @param limits the host's policy: {@link #allowHttp()} and {@link #maxImageBytes()} are read from it
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param readTimeout how long the body may stall before the attempt is abandoned and resumed
 * @param maxAttempts attempts per fetch, the first included; transient failures only
 * @param backoffBase the delay after the first failure, doubled after each further one
 * @param backoffCap the longest delay between attempts
 * @param retryAfterCap the longest server-requested delay (Retry-After) Berth honours
 * @param maxRedirects redirects followed per attempt
 * @param minFreeSpace what must stay free in the pool's file system beyond the download itself
 * @param lowSpeedLimit bytes per second below which a transfer is too slow (curl's --speed-limit); 0 turns the
 *     check off
 * @param lowSpeedTime how long a transfer may stay below {@code lowSpeedLimit} before the attempt is abandoned
 *     (curl's --speed-time)
 * @param bufferBytes the copy buffer; large buffers mean fewer system calls per gigabyte
 */
public record DownloadPolicy(
        LocalPolicy limits,
        Duration connectTimeout,
        Duration readTimeout,
        int maxAttempts,
        Duration backoffBase,
        Duration backoffCap,
        Duration retryAfterCap,
        int maxRedirects,
        FreeSpaceFloor minFreeSpace,
        long lowSpeedLimit,
        Duration lowSpeedTime,
        int bufferBytes) {

    public DownloadPolicy {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(minFreeSpace, "minFreeSpace");
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        positive(lowSpeedTime, "lowSpeedTime");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffCap, "backoffCap");
        Objects.requireNonNull(retryAfterCap, "retryAfterCap");
        if (backoffBase.isNegative() || backoffCap.compareTo(backoffBase) < 0 || retryAfterCap.isNegative()) {
            throw new IllegalArgumentException("backoff needs 0 <= backoffBase <= backoffCap and retryAfterCap >= 0");
        }
        if (maxAttempts < 1 || maxRedirects < 0 || lowSpeedLimit < 0) {
            throw new IllegalArgumentException(
                    "maxAttempts must be positive, maxRedirects and lowSpeedLimit not negative");
        }
        if (bufferBytes < 4096) {
            throw new IllegalArgumentException("bufferBytes must be at least 4096, got " + bufferBytes);
        }
    }

    /** The agent's defaults, with the host limits of {@link LocalPolicy#defaults()}. */
    public static DownloadPolicy defaults() {
        return new DownloadPolicy(
                LocalPolicy.defaults(),
                Duration.ofSeconds(15),
                Duration.ofSeconds(30),
                5,
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                5,
                FreeSpaceFloor.DEFAULT,
                1024,
                Duration.ofSeconds(60),
                1024 * 1024);
    }

    /** Whether plain http URLs are allowed (the CLI's --allow-http), as the host's policy says. */
    public boolean allowHttp() {
        return limits.allowHttp();
    }

    /** The largest image accepted, announced or received, as the host's policy says. */
    public long maxImageBytes() {
        return limits.maxImageBytes();
    }

    public DownloadPolicy withLimits(LocalPolicy l) {
        return new DownloadPolicy(
                l,
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                maxRedirects,
                minFreeSpace,
                lowSpeedLimit,
                lowSpeedTime,
                bufferBytes);
    }

    public DownloadPolicy withTimeouts(Duration connect, Duration read) {
        return new DownloadPolicy(
                limits,
                connect,
                read,
                maxAttempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                maxRedirects,
                minFreeSpace,
                lowSpeedLimit,
                lowSpeedTime,
                bufferBytes);
    }

    public DownloadPolicy withMaxAttempts(int attempts) {
        return new DownloadPolicy(
                limits,
                connectTimeout,
                readTimeout,
                attempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                maxRedirects,
                minFreeSpace,
                lowSpeedLimit,
                lowSpeedTime,
                bufferBytes);
    }

    public DownloadPolicy withMaxRedirects(int redirects) {
        return new DownloadPolicy(
                limits,
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                redirects,
                minFreeSpace,
                lowSpeedLimit,
                lowSpeedTime,
                bufferBytes);
    }

    public DownloadPolicy withMinFreeSpace(FreeSpaceFloor floor) {
        return new DownloadPolicy(
                limits,
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                maxRedirects,
                floor,
                lowSpeedLimit,
                lowSpeedTime,
                bufferBytes);
    }

    /** curl's --speed-limit and --speed-time: slower than {@code bytesPerSecond} for {@code time} fails. */
    public DownloadPolicy withLowSpeed(long bytesPerSecond, Duration time) {
        return new DownloadPolicy(
                limits,
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                maxRedirects,
                minFreeSpace,
                bytesPerSecond,
                time,
                bufferBytes);
    }

    public DownloadPolicy withBufferBytes(int bytes) {
        return new DownloadPolicy(
                limits,
                connectTimeout,
                readTimeout,
                maxAttempts,
                backoffBase,
                backoffCap,
                retryAfterCap,
                maxRedirects,
                minFreeSpace,
                lowSpeedLimit,
                lowSpeedTime,
                bytes);
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}

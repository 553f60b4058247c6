package dev.berth.fetchers;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts writing a download to disk while it is still arriving: after every {@code everyBytes} written, a
 * background fdatasync, unless one is still running. The final fsync before the rename then has only the tail
 * left, instead of stalling on gigabytes of dirty pages at the end.
 */
final class EarlyFlush implements AutoCloseable {
    private final FileChannel channel;
    private final long everyBytes;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "berth-flush");
        t.setDaemon(true);
        return t;
    });
    private Future<?> running = CompletableFuture.completedFuture(null);
    private long flushedUpTo;

    EarlyFlush(FileChannel channel, long everyBytes) {
        this.channel = channel;
        this.everyBytes = everyBytes;
    }

    /** Called after each write with the file's length. */
    void written(long length) {
        if (length < flushedUpTo) {
            flushedUpTo = 0; // restarted from zero
        }
        if (length - flushedUpTo >= everyBytes && running.isDone()) {
            flushedUpTo = length;
            running = thread.submit(() -> {
                channel.force(false);
                return null;
            });
        }
    }

    /** Waits for a running flush; an error it hit (the disk failing) is thrown here. */
    void await() throws IOException {
        try {
            running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while syncing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        }
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}

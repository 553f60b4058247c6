package dev.berth.fetchers;

import dev.berth.model.Sha256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A streaming SHA-256 that hashes on its own thread, so reading the network, writing the file and hashing
 * overlap. Blocks come from a small ring and are handed over, never copied: a block is given out again only once
 * its hash is done, and every look at the digest first waits for the hashing to catch up.
 */
final class HashingRing implements AutoCloseable {
    /** Blocks in flight: one being filled, one being hashed, the others queued between them. */
    private static final int RING = 4;

    private final MessageDigest digest = newDigest();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "berth-sha256");
        t.setDaemon(true);
        return t;
    });
    private final byte[][] blocks;
    private final Future<?>[] hashed = new Future<?>[RING];
    private int next;

    HashingRing(int blockBytes) {
        blocks = new byte[RING][blockBytes];
        Arrays.fill(hashed, CompletableFuture.completedFuture(null));
    }

    /** The block to fill next; the same one until it is passed to {@link #hash}. */
    byte[] block() {
        await(hashed[next]);
        return blocks[next];
    }

    /** Hashes the first {@code len} bytes of the block from {@link #block} in the background. */
    void hash(byte[] block, int len) {
        if (block != blocks[next]) {
            throw new IllegalArgumentException("hash takes the block that block() gave out");
        }
        hashed[next] = thread.submit(() -> digest.update(block, 0, len));
        next = (next + 1) % RING;
    }

    /** Hashes bytes right away, on the caller's thread: for re-reading an existing partial before any block. */
    void hashNow(byte[] bytes, int len) {
        awaitAll();
        digest.update(bytes, 0, len);
    }

    void reset() {
        awaitAll();
        digest.reset();
    }

    /** The digest of everything hashed so far; hashing may go on afterwards. */
    Sha256 sha256() {
        awaitAll();
        try {
            return Sha256.of(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
    }

    private void awaitAll() {
        for (Future<?> f : hashed) {
            await(f);
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed", e.getCause());
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

package dev.berth.agent.metrics;

import dev.berth.fetchers.ProgressListener;
import java.util.function.LongConsumer;

/** Passes download progress on, and counts the bytes each attempt transferred (a resumed one: only the rest). */
public final class CountingProgress implements ProgressListener {
    private final ProgressListener delegate;
    private final LongConsumer bytes;
    private long last;

    public CountingProgress(ProgressListener delegate, LongConsumer bytes) {
        this.delegate = delegate;
        this.bytes = bytes;
    }

    @Override
    public synchronized void started(String label, long done, long total) {
        last = done;
        delegate.started(label, done, total);
    }

    @Override
    public synchronized void advanced(long done) {
        if (done > last) {
            bytes.accept(done - last);
            last = done;
        }
        delegate.advanced(done);
    }

    @Override
    public synchronized void ended(long done, boolean complete) {
        advanced(done);
        delegate.ended(done, complete);
    }
}

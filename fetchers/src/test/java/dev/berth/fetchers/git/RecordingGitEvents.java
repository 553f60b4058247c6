package dev.berth.fetchers.git;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts what a source did, so tests can tell a clone from a fetch and a parse from a cache hit. */
final class RecordingGitEvents implements GitEvents {
    final AtomicInteger clones = new AtomicInteger();
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicInteger parses = new AtomicInteger();

    @Override
    public void cloned() {
        clones.incrementAndGet();
    }

    @Override
    public void fetched() {
        fetches.incrementAndGet();
    }

    @Override
    public void parsed() {
        parses.incrementAndGet();
    }
}

package dev.berth.fetchers;

/**
 * Hears how a download advances. Called on the downloading thread once per buffer, so implementations must be
 * cheap. {@code total} is -1 when the server does not say.
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void started(String label, long done, long total) {}

        @Override
        public void advanced(long done) {}

        @Override
        public void ended(long done, boolean complete) {}
    };

    /** An attempt starts, with {@code done} bytes already there from an earlier attempt. */
    void started(String label, long done, long total);

    void advanced(long done);

    /** The attempt is over; {@code complete} when all bytes arrived. */
    void ended(long done, boolean complete);
}

package dev.berth.fetchers;

/** Brings the bytes of one URL scheme into a partial download; one call is one attempt. */
interface Transfer {
    /**
     * Makes one attempt, continuing the partial where it can.
     *
     * @throws TransientFailure when another attempt may succeed; the partial keeps what arrived
     * @throws dev.berth.model.BerthException when it will not (refused, no space)
     */
    void attempt(FetchJob job, PartialDownload partial) throws TransientFailure;
}

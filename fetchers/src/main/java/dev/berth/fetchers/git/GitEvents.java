package dev.berth.fetchers.git;

/** What the source did during a pass, for tests that count clones, fetches and parses. */
interface GitEvents {
    GitEvents NONE = new GitEvents() {};

    /** A new cache repository was created (the first fetch into it is the clone). */
    default void cloned() {}

    default void fetched() {}

    /** A commit's manifests were read and parsed. */
    default void parsed() {}
}

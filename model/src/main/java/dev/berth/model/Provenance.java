package dev.berth.model;

/**
 * Who wrote a manifest, which decides what it may ask for. A manifest on the host's own disk was written by its
 * administrator; a manifest from a repository was written by whoever can push to it, and may not read the
 * host's files (file: URLs) unless the host's policy allows it.
 */
public enum Provenance {
    /** A file or directory on this host. */
    HOST,
    /** A remote git repository. */
    REPOSITORY
}

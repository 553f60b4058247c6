/** Desired state from a git repository: a cached shallow clone, signed-commit checks, and the transports. */
package dev.berth.fetchers.git;

/** Desired state from a git repository: a cached shallow clone, signed-commit checks, and the transports. */
@NullMarked
package dev.berth.fetchers.git;

import org.jspecify.annotations.NullMarked;

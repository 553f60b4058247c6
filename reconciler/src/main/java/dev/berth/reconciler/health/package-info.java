/** Deciding whether a changed image is healthy: its units active and stable, and optionally an HTTP check. */
@NullMarked
package dev.berth.reconciler.health;

import org.jspecify.annotations.NullMarked;

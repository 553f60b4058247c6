/** Deciding whether a changed image is healthy: its units active and stable, and optionally an HTTP check. */
package dev.berth.reconciler.health;

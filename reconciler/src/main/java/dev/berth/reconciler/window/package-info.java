/**
 * Maintenance windows: a change that stops or restarts a running unit waits until one of the host's windows is open.
 * Pure decisions; time comes through a clock.
 */
@NullMarked
package dev.berth.reconciler.window;

import org.jspecify.annotations.NullMarked;

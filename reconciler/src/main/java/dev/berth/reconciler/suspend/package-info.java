/** A suspended host changes nothing: every planned change waits until the suspension ends or is lifted. */
@NullMarked
package dev.berth.reconciler.suspend;

import org.jspecify.annotations.NullMarked;

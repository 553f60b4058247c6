/** The pure planner, the executor that runs a plan through the ports, and one reconcile pass. */
@NullMarked
package dev.berth.reconciler;

import org.jspecify.annotations.NullMarked;

/** The pure planner, the executor that runs a plan through the ports, and one reconcile pass. */
package dev.berth.reconciler;

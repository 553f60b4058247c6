/** The one place Berth is assembled from its settings, for the agent and for the command line alike. */
@NullMarked
package dev.berth.agent.wiring;

import org.jspecify.annotations.NullMarked;

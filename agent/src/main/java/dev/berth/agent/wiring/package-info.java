/** The one place Berth is assembled from its settings, for the agent and for the command line alike. */
package dev.berth.agent.wiring;

/** What the agent last did, kept in the state directory for {@code berth status} and people. */
package dev.berth.agent.status;

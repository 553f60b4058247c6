/** What the agent last did, kept in the state directory for {@code berth status} and people. */
@NullMarked
package dev.berth.agent.status;

import org.jspecify.annotations.NullMarked;

/** POST /trigger: a forge's signed webhook that starts a pass at once, and nothing else. */
@NullMarked
package dev.berth.agent.trigger;

import org.jspecify.annotations.NullMarked;

/** The plan: an ordered list of closed-set steps, plus what the planner found but will not change. */
@NullMarked
package dev.berth.model.plan;

import org.jspecify.annotations.NullMarked;

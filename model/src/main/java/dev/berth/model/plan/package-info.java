/** The plan: an ordered list of closed-set steps, plus what the planner found but will not change. */
package dev.berth.model.plan;

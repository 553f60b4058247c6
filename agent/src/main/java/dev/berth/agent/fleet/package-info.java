/** The fleet's health as a Prometheus that scrapes every agent reports it: what a rollout asks before it goes on. */
@NullMarked
package dev.berth.agent.fleet;

import org.jspecify.annotations.NullMarked;
